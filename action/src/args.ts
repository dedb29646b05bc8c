/**
 * Splits the action's `args` input into an argv the way a POSIX shell splits words, without a
 * shell: whitespace (newlines included) separates words; '…' is literal; "…" is literal except
 * for \" \\ \$ \` and an escaped newline; a backslash outside quotes takes the next character
 * literally (an escaped newline joins lines). No variables, globs, pipes or command substitution.
 */
export function splitArgs(input: string): string[] {
	const words: string[] = [];
	let word = "";
	let inWord = false;
	let i = 0;
	const n = input.length;
	while (i < n) {
		const c = input[i] as string;
		if (c === " " || c === "\t" || c === "\n" || c === "\r") {
			if (inWord) words.push(word);
			word = "";
			inWord = false;
			i++;
		} else if (c === "'") {
			const end = input.indexOf("'", i + 1);
			if (end < 0) throw new Error("args: unterminated single quote");
			word += input.slice(i + 1, end);
			inWord = true;
			i = end + 1;
		} else if (c === '"') {
			inWord = true;
			i++;
			for (;;) {
				if (i >= n) throw new Error("args: unterminated double quote");
				const d = input[i] as string;
				if (d === '"') {
					i++;
					break;
				}
				const next = input[i + 1];
				if (d === "\\" && next !== undefined && '"\\$`\n'.includes(next)) {
					if (next !== "\n") word += next;
					i += 2;
				} else {
					word += d;
					i++;
				}
			}
		} else if (c === "\\") {
			const next = input[i + 1];
			if (next === undefined) throw new Error("args: a backslash ends the input");
			if (next !== "\n") {
				word += next;
				inWord = true;
			}
			i += 2;
		} else {
			word += c;
			inWord = true;
			i++;
		}
	}
	if (inWord) words.push(word);
	return words;
}
