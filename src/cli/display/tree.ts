/** A tree printed with box-drawing edges, as oras's discover prints referrers. */

import { hasUnsafeText, hexEscape, UNSAFE_CHARS } from "./escape.js";

export const EDGE_EMPTY = "    ";
export const EDGE_PIPE = "│   ";
export const EDGE_ITEM = "├── ";
export const EDGE_LAST = "└── ";

export class TreeNode {
	readonly value: string;
	readonly children: TreeNode[] = [];
	constructor(value: string) {
		this.value = value;
	}

	add(value: string): TreeNode {
		const n = new TreeNode(value);
		this.children.push(n);
		return n;
	}

	/** Walks (creating where missing) a chain of child values. */
	addPath(...values: string[]): TreeNode {
		const [first, ...rest] = values;
		if (first === undefined) return this;
		const child = this.children.find((c) => c.value === first) ?? this.add(first);
		return child.addPath(...rest);
	}

	render(): string {
		const lines: string[] = [];
		const walk = (n: TreeNode, prefix: string, lead: string) => {
			lines.push(`${lead}${n.value}`);
			n.children.forEach((c, i) => {
				const last = i === n.children.length - 1;
				walk(c, prefix + (last ? EDGE_EMPTY : EDGE_PIPE), prefix + (last ? EDGE_LAST : EDGE_ITEM));
			});
		};
		walk(this, "", "");
		return `${lines.join("\n")}\n`;
	}
}

const NULL_RE = /^(?:~|null|Null|NULL)$/;
const BOOL_RE = /^(?:true|True|TRUE|false|False|FALSE)$/;
const OLD_BOOL_RE = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;
const INT_RE = /^[-+]?(?:[0-9][0-9_]*|0b[01_]+|0o[0-7_]+|0x[0-9a-fA-F_]+)$/;
const FLOAT_RE = /^[-+]?(?:\.[0-9_]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?$/;
const SPECIAL_FLOAT_RE = /^(?:[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const TIMESTAMP_RE = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?$/;
const BASE60_RE = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** True when a YAML decoder would read the plain scalar as something other than a string. */
function resolvesToNonString(s: string): boolean {
	return (
		s === "" ||
		NULL_RE.test(s) ||
		BOOL_RE.test(s) ||
		OLD_BOOL_RE.test(s) ||
		INT_RE.test(s) ||
		FLOAT_RE.test(s) ||
		SPECIAL_FLOAT_RE.test(s) ||
		TIMESTAMP_RE.test(s) ||
		BASE60_RE.test(s)
	);
}

function plainAllowed(s: string): boolean {
	if (s.startsWith("---") || s.startsWith("...")) return false;
	if (/^[#,[\]{}&*!|>'"%@`]/.test(s)) return false;
	if (/^[-?:](?:\s|$)/.test(s)) return false;
	if (/^\s|\s$/.test(s)) return false;
	if (s.includes(": ") || s.endsWith(":") || s.includes(" #")) return false;
	return true;
}

const UNSAFE_OR_QUOTE = new RegExp(`[\\\\"${UNSAFE_CHARS}]`, "g");

function doubleQuoted(s: string): string {
	return `"${s.replace(UNSAFE_OR_QUOTE, (c) => {
		switch (c) {
			case "\\":
				return "\\\\";
			case '"':
				return '\\"';
			case "\n":
				return "\\n";
			case "\t":
				return "\\t";
			case "\r":
				return "\\r";
			default:
				return hexEscape(c);
		}
	})}"`;
}

/** A string as a YAML encoder writes it: plain, 'single' or "double" quoted where YAML needs it. */
export function yamlScalar(s: string): string {
	if (hasUnsafeText(s)) return doubleQuoted(s);
	if (resolvesToNonString(s)) return doubleQuoted(s);
	if (!plainAllowed(s)) return `'${s.replace(/'/g, "''")}'`;
	return s;
}

/** `key: value` as `yaml.Marshal(map[string]string{key: value})` prints it (trimmed). */
export function yamlPair(key: string, value: string): string {
	return `${yamlScalar(key)}: ${yamlScalar(value)}`;
}
