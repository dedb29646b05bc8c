/**
 * JSON parsing for text that may hold secrets (docker `config.json`, credential helper output,
 * token replies). V8's `SyntaxError` quotes part of the input (`Unexpected token 'x', "…" is not
 * valid JSON`), which would print a password or token; these errors name only where the syntax
 * broke (line and column, 1-based, counted in UTF-16 code units like an editor) and what was
 * expected, never a character of the input. The `SyntaxError` is not kept as a cause either
 * (`--debug` prints causes).
 */

/** Where the first syntax error of `text` is: `line L, column C`, or undefined when `text` is valid JSON. */
export function jsonSyntaxErrorLocation(text: string): { line: number; column: number; offset: number; problem: string } | undefined {
	const found = firstSyntaxError(text);
	if (found === undefined) return undefined;
	let line = 1;
	let lineStart = 0;
	for (let i = 0; i < found.offset && i < text.length; i++) {
		if (text.charCodeAt(i) === 0x0a) {
			line++;
			lineStart = i + 1;
		}
	}
	return { line, column: found.offset - lineStart + 1, offset: found.offset, problem: found.problem };
}

/**
 * `JSON.parse(text)`, or `onError(description)` with a description such as
 * `invalid JSON at line 3, column 14 (unexpected character)` that quotes nothing of `text`.
 */
export function parseSecretJSON(text: string, onError: (description: string) => Error): unknown {
	try {
		return JSON.parse(text);
	} catch {
		// the SyntaxError quotes the input: dropped on purpose
	}
	const at = jsonSyntaxErrorLocation(text);
	throw onError(at === undefined ? "invalid JSON" : `invalid JSON at line ${at.line}, column ${at.column} (${at.problem})`);
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

/**
 * A JSON (RFC 8259) syntax checker returning the offset of the first error: one pass, an explicit
 * stack instead of recursion (any nesting depth costs memory proportional to it, no call stack).
 */
function firstSyntaxError(s: string): { offset: number; problem: string } | undefined {
	let i = 0;
	const n = s.length;
	const stack: number[] = []; // 0x7b "{" or 0x5b "["
	const fail = (problem: string) => ({ offset: i, problem: i >= n ? "unexpected end of input" : problem });
	const skipWs = () => {
		while (i < n && WS.has(s.charCodeAt(i))) i++;
	};
	const literal = (word: string) => {
		if (s.startsWith(word, i)) {
			i += word.length;
			return true;
		}
		return false;
	};
	const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
	const string = (): boolean => {
		i++; // opening quote
		while (i < n) {
			const c = s.charCodeAt(i);
			if (c === 0x22) {
				i++;
				return true;
			}
			if (c < 0x20) return false;
			if (c === 0x5c) {
				i++;
				const e = s.charCodeAt(i);
				if (e === 0x75) {
					for (let k = 1; k <= 4; k++) {
						if (!/[0-9a-fA-F]/.test(s.charAt(i + k))) {
							i += k;
							return false;
						}
					}
					i += 5;
					continue;
				}
				if (!'"\\/bfnrt'.includes(s.charAt(i)) || i >= n) return false;
			}
			i++;
		}
		return false;
	};
	const number = (): boolean => {
		if (s.charCodeAt(i) === 0x2d) i++;
		if (s.charCodeAt(i) === 0x30) i++;
		else if (isDigit(s.charCodeAt(i))) while (isDigit(s.charCodeAt(i))) i++;
		else return false;
		if (s.charCodeAt(i) === 0x2e) {
			i++;
			if (!isDigit(s.charCodeAt(i))) return false;
			while (isDigit(s.charCodeAt(i))) i++;
		}
		if (s.charCodeAt(i) === 0x65 || s.charCodeAt(i) === 0x45) {
			i++;
			if (s.charCodeAt(i) === 0x2b || s.charCodeAt(i) === 0x2d) i++;
			if (!isDigit(s.charCodeAt(i))) return false;
			while (isDigit(s.charCodeAt(i))) i++;
		}
		return true;
	};

	/** `"name" :` of an object member (whitespace before it already skipped); an error, or undefined. */
	const member = (noName: string) => {
		if (s.charCodeAt(i) !== 0x22) return fail(noName);
		if (!string()) return fail("invalid string");
		skipWs();
		if (s.charCodeAt(i) !== 0x3a) return fail("expected ':'");
		i++;
		return undefined;
	};

	// expecting: a value; after a value: "," / closer / end
	for (;;) {
		skipWs();
		// parse one value (or open a container)
		const c = s.charCodeAt(i);
		if (c === 0x7b || c === 0x5b) {
			stack.push(c);
			i++;
			skipWs();
			const close = c === 0x7b ? 0x7d : 0x5d;
			if (s.charCodeAt(i) === close) {
				stack.pop();
				i++;
			} else if (c === 0x7b) {
				const bad = member("expected a property name or '}'");
				if (bad !== undefined) return bad;
				continue;
			} else {
				continue;
			}
		} else if (c === 0x22) {
			if (!string()) return fail("invalid string");
		} else if (c === 0x2d || isDigit(c)) {
			if (!number()) return fail("invalid number");
		} else if (!(literal("true") || literal("false") || literal("null"))) {
			return fail("expected a value");
		}
		// after a value: close containers or take the next element
		for (;;) {
			skipWs();
			const top = stack[stack.length - 1];
			if (top === undefined) return i < n ? fail("unexpected data after the JSON value") : undefined;
			const d = s.charCodeAt(i);
			const close = top === 0x7b ? 0x7d : 0x5d;
			if (d === close) {
				stack.pop();
				i++;
				continue;
			}
			if (d !== 0x2c) return fail(top === 0x7b ? "expected ',' or '}'" : "expected ',' or ']'");
			i++;
			if (top === 0x7b) {
				skipWs();
				const bad = member("expected a property name");
				if (bad !== undefined) return bad;
			}
			break;
		}
	}
}
