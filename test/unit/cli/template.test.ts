/**
 * The go-template engine against what Go's text/template + sprig (as oras 1.3 registers them)
 * print for the same template over the same JSON model (numbers decoded as float64).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { renderGoTemplate } from "../../../src/cli/display/template.js";
import { OrasError } from "../../../src/errors.js";

const DIGEST = "sha256:6e861107a3a888dc196a6f9c370b08bebfa06bc49a25ae6ce6da32e812cf86e2";
const model = {
	reference: "localhost:5000/t@" + DIGEST,
	mediaType: "application/vnd.oci.image.manifest.v1+json",
	digest: DIGEST,
	size: 583,
	big: 1234567,
	million: 1000000,
	tiny: 0.00001,
	half: 0.5,
	annotations: { "org.opencontainers.image.created": "2024-01-01T00:00:00Z", b: "x" },
	artifactType: "application/vnd.unknown.artifact.v1",
	referenceAsTags: ["localhost:5000/t:v1", "localhost:5000/t:v2"],
	files: [
		{ path: "a.txt", size: 12, annotations: { "org.opencontainers.image.title": "a.txt" } },
		{ path: "dir/b.bin", size: 3 },
	],
	empty: [],
	nothing: null,
	name: " Hello World ",
	yes: true,
};

const render = (tpl: string, data: unknown = model) => renderGoTemplate(tpl, data);

/** [template, what Go prints] */
const CASES: Array<[string, string]> = [
	// fields, maps, lists, numbers as float64
	["{{.digest}}", DIGEST],
	["{{.size}}", "583"],
	["{{.big}}", "1.234567e+06"],
	["{{.million}}", "1e+06"],
	["{{.tiny}}", "1e-05"],
	["{{.half}}", "0.5"],
	["{{.missing}}", "<no value>"],
	["{{.missing.deeper}}", "<no value>"],
	["{{.nothing}}", "<no value>"],
	["{{.yes}}", "true"],
	["{{.annotations}}", "map[b:x org.opencontainers.image.created:2024-01-01T00:00:00Z]"],
	["{{.referenceAsTags}}", "[localhost:5000/t:v1 localhost:5000/t:v2]"],
	["{{.files}}", "[map[annotations:map[org.opencontainers.image.title:a.txt] path:a.txt size:12] map[path:dir/b.bin size:3]]"],
	["{{.empty}}", "[]"],
	['{{index .annotations "org.opencontainers.image.created"}}', "2024-01-01T00:00:00Z"],
	['{{index .annotations "nope"}}', "<no value>"],
	["{{index .files 1}}", "map[path:dir/b.bin size:3]"],
	["{{(index .files 0).path}}", "a.txt"],
	['{{(index .files 0).annotations | len}}', "1"],
	["{{index .referenceAsTags 1}}", "localhost:5000/t:v2"],
	['{{index "abc" 1}}', "98"],
	["{{.}}", ""], // replaced below: whole-model print is checked separately
	// literals
	['{{"a\\tb"}}|{{`raw\\n`}}|{{3}}|{{3.0}}|{{1e6}}|{{-1}}|{{0x1F}}|{{\'a\'}}|{{true}}', "a\tb|raw\\n|3|3|1e+06|-1|31|97|true"],
	// range
	["{{range .files}}{{.path}};{{end}}", "a.txt;dir/b.bin;"],
	["{{range $i, $f := .files}}{{$i}}={{$f.path}} {{end}}", "0=a.txt 1=dir/b.bin "],
	["{{range $f := .files}}{{$f.size}} {{end}}", "12 3 "],
	["{{range $k, $v := .annotations}}{{$k}}={{$v}};{{end}}", "b=x;org.opencontainers.image.created=2024-01-01T00:00:00Z;"],
	["{{range .annotations}}{{.}};{{end}}", "x;2024-01-01T00:00:00Z;"],
	["{{range .empty}}x{{else}}none{{end}}", "none"],
	["{{range .missing}}x{{else}}none{{end}}", "none"],
	["{{range 3}}{{.}}{{end}}", "012"],
	["{{range $e := .empty}}x{{else}}{{$e}} {{len $e}}{{end}}", "[] 0"],
	["{{range .files}}{{$.size}} {{end}}", "583 583 "],
	['{{range .files}}{{if eq .path "a.txt"}}{{continue}}{{end}}{{.path}}{{end}}', "dir/b.bin"],
	["{{range .files}}{{.path}}{{break}}{{end}}", "a.txt"],
	["{{range $i, $e := .referenceAsTags}}{{if $i}}, {{end}}{{$e}}{{end}}", "localhost:5000/t:v1, localhost:5000/t:v2"],
	// if / else if / with
	['{{if eq .mediaType "x"}}a{{else if .yes}}b{{else}}c{{end}}', "b"],
	["{{if .missing}}a{{else}}b{{end}}", "b"],
	["{{if .empty}}a{{else}}b{{end}}", "b"],
	["{{if .size}}a{{end}}", "a"],
	["{{with .files}}{{len .}}{{end}}", "2"],
	["{{with .missing}}w{{else}}nw{{end}}", "nw"],
	["{{with $x := .digest}}{{$x}}{{end}}", DIGEST],
	["{{with .missing}}a{{else with .yes}}{{.}}{{end}}", "true"],
	// trim markers and comments
	["a  {{- .size -}}  b", "a583b"],
	["a {{- /* a comment */ -}} b", "ab"],
	["{{/* only a comment */}}", ""],
	["x\n{{- range .files}}\n  {{.path}}\n{{- end}}\n", "x\n  a.txt\n  dir/b.bin\n"],
	["{{ .size }}-{{.size -}} .", "583-583."],
	// variables
	["{{$x := .digest}}{{$x}}", DIGEST],
	["{{$x := 1}}{{if true}}{{$x = 2}}{{end}}{{$x}}", "2"],
	["{{$x := 1}}{{range .files}}{{$x = add $x 1}}{{end}}{{$x}}", "3"],
	["{{$f := index .files 0}}{{$f.annotations}}", "map[org.opencontainers.image.title:a.txt]"],
	["{{$}}", ""], // replaced below
	// pipelines and parentheses
	['{{.digest | printf "%s!"}}', `${DIGEST}!`],
	['{{.name | trim | upper | printf "%q"}}', '"HELLO WORLD"'],
	["{{len (index .files 0).path}}", "5"],
	['{{printf "%s-%s" (index .referenceAsTags 0) (.digest | trimPrefix "sha256:" | trunc 12)}}', "localhost:5000/t:v1-6e861107a3a8"],
	// comparisons and logic
	['{{eq .mediaType "a" "application/vnd.oci.image.manifest.v1+json"}}', "true"],
	['{{eq .size 583.0}} {{ne .size 1.0}} {{eq .missing "x"}}', "true true false"],
	['{{lt 1 2}} {{le 2 2}} {{gt "b" "a"}} {{ge 1.5 2.5}} {{lt .size 1000.0}}', "true true true false true"],
	['{{and 1 "" 3}}|{{and 1 2}}|{{or "" 0 "x"}}|{{or "" 0}}|{{not ""}}|{{not .yes}}', "|2|x|0|true|false"],
	// builtins
	["{{len .files}} {{len .digest}} {{len .annotations}}", "2 71 2"],
	['{{slice "abcdef" 1 3}} {{slice .referenceAsTags 1}} {{slice "abc" 1}}', "bc [localhost:5000/t:v2] bc"],
	['{{print "a" 1 2 "b" .size}}', "a1 2b583"],
	['{{println "a" 1}}', "a 1\n"],
	['{{print .missing}}|{{print .nothing}}', "<nil>|<nil>"],
	['{{html "<a href=\\"x\\">&</a>"}}', "&lt;a href=&#34;x&#34;&gt;&amp;&lt;/a&gt;"],
	['{{urlquery "a b&c"}}', "a+b%26c"],
	// printf
	['{{printf "%s is %v bytes" .digest .size}}', `${DIGEST} is 583 bytes`],
	['{{printf "%d" .size}}', "%!d(float64=583)"],
	['{{printf "%d|%5d|%-5d|%05d|%x|%X|%o|%b|%c" 42 42 42 42 255 255 8 5 65}}', "42|   42|42   |00042|ff|FF|10|101|A"],
	['{{printf "%.2f|%8.3f|%-8.1f|%e|%g|%.0f" 3.14159 3.14159 3.14159 3.14159 3.14159 2.5}}', "3.14|   3.142|3.1     |3.141590e+00|3.14159|2"],
	['{{printf "%5s|%-5s|%.2s|%q|%x|%t|%v|%%" "ab" "cd" "xyz" "q\\"" "hi" true .yes}}', '   ab|cd   |xy|"q\\""|6869|true|true|%'],
	['{{printf "%v" .annotations}}', "map[b:x org.opencontainers.image.created:2024-01-01T00:00:00Z]"],
	['{{printf "%s" .files}}', "[map[annotations:map[org.opencontainers.image.title:a.txt] path:a.txt size:%!s(float64=12)] map[path:dir/b.bin size:%!s(float64=3)]]"],
	['{{printf "%d %s"}}|{{printf "x" 1 "y"}}|{{printf "%s" .missing}}|{{printf "%T %T %T" 1 1.5 "s"}}', "%!d(MISSING) %!s(MISSING)|x%!(EXTRA int=1, string=y)|%!s(<nil>)|int float64 string"],
	['{{printf "%v" 1e21}} {{printf "%v" 123456.0}} {{printf "%g" 1e-7}}', "1e+21 123456 1e-07"],
	// JSON
	["{{toJson .annotations}}", '{"b":"x","org.opencontainers.image.created":"2024-01-01T00:00:00Z"}'],
	["{{json .referenceAsTags}}", '["localhost:5000/t:v1","localhost:5000/t:v2"]'],
	['{{toJson "<a&b>"}} {{toRawJson "<a&b>"}}', '"\\u003ca\\u0026b\\u003e" "<a&b>"'],
	["{{toJson .size}} {{toJson .big}} {{toJson .missing}} {{toJson .empty}}", "583 1234567 null []"],
	["{{toPrettyJson (index .files 1)}}", '{\n  "path": "dir/b.bin",\n  "size": 3\n}'],
	["{{toJson (dict)}} {{toPrettyJson .empty}}", "{} []"],
	// sprig: strings
	['{{upper "abc"}} {{lower "ABC"}} {{title "hello world"}} [{{trim .name}}] {{trimAll "-" "--x--"}}', "ABC abc Hello World [Hello World] x"],
	['{{trimPrefix "sha256:" .digest | trunc 7}} {{trimSuffix ".txt" "a.txt"}}', "6e86110 a"],
	['{{contains "256" .digest}} {{hasPrefix "sha256:" .digest}} {{hasSuffix ".txt" "a.txt"}} {{contains "zz" .digest}}', "true true true false"],
	['{{replace "a" "o" "banana"}} {{repeat 3 "ab"}} {{substr 1 3 "abcdef"}} {{trunc -2 "abcdef"}}', "bonono ababab bc ef"],
	['{{quote "a" .size}} {{squote "a"}} {{cat "a" 1 .missing "b"}}', '"a" "583" \'a\' a 1 b'],
	['{{indent 2 "a\\nb"}}|{{nindent 1 "x"}}|{{nospace " a b "}}', "  a\n  b|\n x|ab"],
	['{{split ":" .digest}}', `map[_0:sha256 _1:${DIGEST.slice(7)}]`],
	['{{(split ":" .digest)._1 | trunc 4}} {{splitList "/" "a/b/c"}} {{join "/" (splitList "/" "a/b/c")}}', "6e86 [a b c] a/b/c"],
	['{{join ", " .referenceAsTags}} {{join "," (list 1 2 "x")}} {{join "," .missing}}', "localhost:5000/t:v1, localhost:5000/t:v2 1,2,x "],
	['{{toString .size}} {{toString .big}} {{toString .yes}}', "583 1.234567e+06 true"],
	['{{b64enc "hi"}} {{b64dec "aGk="}} {{sha256sum "" | trunc 8}}', "aGk= hi e3b0c442"],
	['{{base "dir/b.bin"}} {{dir "dir/b.bin"}} {{ext "dir/b.bin"}}', "b.bin dir .bin"],
	['{{regexMatch "^sha256:[a-f0-9]{64}$" .digest}} {{regexFind "[0-9]+" "ab123c"}}', "true 123"],
	// sprig: defaults and logic
	['{{default "none" .missing}} {{default "none" .digest | trunc 6}} {{default "none" ""}} {{default 5 0}}', "none sha256 none 5"],
	['{{empty .empty}} {{empty .files}} {{coalesce .missing "" "x"}} {{ternary "y" "n" .yes}}', "true false x y"],
	// sprig: lists and dicts
	["{{(first .files).path}} {{(last .files).path}} {{first .empty}}", "a.txt dir/b.bin <no value>"],
	['{{rest .referenceAsTags}} {{initial (list 1 2 3)}} {{reverse (list 1 2 3)}} {{uniq (list 1 1 2)}}', "[localhost:5000/t:v2] [1 2] [3 2 1] [1 2]"],
	['{{has "a" (list "a" "b")}} {{without (list 1 2 3) 2}} {{append (list 1) 2}} {{prepend (list 1) 0}} {{concat (list 1) (list 2 3)}}', "true [1 3] [1 2] [0 1] [1 2 3]"],
	['{{$d := dict "a" 1 "b" "x"}}{{$d.a}} {{$d}} {{get $d "b"}} {{hasKey $d "c"}}', "1 map[a:1 b:x] x false"],
	['{{keys .annotations | sortAlpha | join ","}} {{keys .annotations}}', "b,org.opencontainers.image.created [b org.opencontainers.image.created]"],
	['{{list 1 "a" .yes}} {{sortAlpha (list "b" "a")}} {{compact (list "" "a" 0)}}', "[1 a true] [a b] [a]"],
	// sprig: numbers (int64 results)
	["{{add 1 2}} {{add .size 1}} {{add1 .big}} {{sub .size 83}} {{mul 2 3 4}} {{div 7 2}} {{mod 7 2}} {{max 1 5 3}} {{min 4 2 8}}", "3 584 1234568 500 24 3 1 5 2"],
	['{{int "42"}} {{int64 .half}} {{float64 "1.5"}} {{atoi "12"}}', "42 0 1.5 12"],
	['{{if eq (len .files) 2}}two{{end}} {{if gt (add .size 0) 500}}big{{end}}', "two big"],
];

describe("go-template output matches Go text/template + sprig", () => {
	for (const [tpl, want] of CASES) {
		if (tpl === "{{.}}" || tpl === "{{$}}") continue;
		it(tpl, () => {
			assert.equal(render(tpl), want);
		});
	}
	it("prints the whole model as a Go map with sorted keys", () => {
		const data = { z: 1, a: [1, "x", null], m: { k: true }, s: "str" };
		assert.equal(render("{{.}}", data), "map[a:[1 x <nil>] m:map[k:true] s:str z:1]");
		assert.equal(render("{{$}}", data), "map[a:[1 x <nil>] m:map[k:true] s:str z:1]");
	});
	it("sees the model as generic JSON: class instances and undefined fields vanish, dates become strings", () => {
		const data = { d: new Date(0), u: undefined, n: 12 };
		assert.equal(render("{{.d}} {{.u}} {{.n}}", data), "1970-01-01T00:00:00.000Z <no value> 12");
	});
	it("adds no newline of its own", () => {
		assert.equal(render("{{.size}}"), "583");
		assert.equal(render("plain text"), "plain text");
		assert.equal(render(""), "");
	});
});

/** [template, the exact `Error:` text Go's text/template prints] */
const ERRORS: Array<[string, string]> = [
	["{{foo .}}", 'template: format output:1: function "foo" not defined'],
	["{{.a}}\n{{bar 1}}", 'template: format output:2: function "bar" not defined'],
	["{{if .yes}}x", "template: format output:1: unexpected EOF"],
	["{{end}}", "template: format output:1: unexpected {{end}}"],
	["{{else}}", "template: format output:1: unexpected {{else}}"],
	["{{$x}}", 'template: format output:1: undefined variable "$x"'],
	["{{.digest", "template: format output:1: unclosed action"],
	["{{if}}{{end}}", "template: format output:1: missing value for if"],
	["{{/* open", "template: format output:1: unclosed comment"],
	["{{break}}", "template: format output:1: {{break}} outside {{range}}"],
	["{{.digest.x}}", 'template: format output:1:2: executing "format output" at <.digest.x>: can\'t evaluate field x in type interface {}'],
	["{{.nothing.x}}", 'template: format output:1:2: executing "format output" at <.nothing.x>: nil pointer evaluating interface {}.x'],
	["{{eq .size 583}}", 'template: format output:1:2: executing "format output" at <eq .size 583>: error calling eq: incompatible types for comparison'],
	["{{index .files 5}}", 'template: format output:1:2: executing "format output" at <index .files 5>: error calling index: index out of range: 5'],
	["{{upper .size}}", 'template: format output:1:8: executing "format output" at <.size>: wrong type for value; expected string; got float64'],
	['{{first "abc"}}', 'template: format output:1:2: executing "format output" at <first "abc">: error calling first: Cannot find first on type string'],
	["{{div 1 0}}", 'template: format output:1:2: executing "format output" at <div 1 0>: error calling div: runtime error: integer divide by zero'],
	["x\n  {{range .size}}{{end}}", 'template: format output:2:10: executing "format output" at <.size>: range can\'t iterate over 583'],
	["{{len 3}}", 'template: format output:1:2: executing "format output" at <len 3>: error calling len: len of type int'],
	["{{1e400}}", 'template: format output:1: illegal number syntax: "1e400"'],
	["{{index .files 99999999999999999999}}", "template: format output:1: 99999999999999999999 overflows int"],
	["{{.digest 1}}", 'template: format output:1:2: executing "format output" at <.digest>: digest is not a method but has arguments'],
];

describe("go-template errors read like Go's", () => {
	for (const [tpl, want] of ERRORS) {
		it(JSON.stringify(tpl), () => {
			assert.throws(
				() => render(tpl),
				(err: unknown) => {
					assert.ok(err instanceof OrasError, String(err));
					assert.equal(err.message, want);
					return true;
				},
			);
		});
	}
	it("names unsupported constructs (define, template, block) in one line", () => {
		for (const kw of ["define", "template", "block"]) {
			assert.throws(
				() => render(`{{${kw} "x"}}{{end}}`),
				(err: unknown) => err instanceof OrasError && err.message.startsWith(`template: format output:1: {{${kw}}} is not supported`) && !err.message.includes("\n"),
			);
		}
	});
});

describe("go-template bounds", () => {
	it("MAX_TEMPLATE_OUTPUT: output beyond the limit fails instead of growing", () => {
		assert.equal(renderGoTemplate("{{range 10}}0123456789{{end}}", {}, { maxOutput: 100 }).length, 100);
		assert.throws(() => renderGoTemplate("{{range 11}}0123456789{{end}}", {}, { maxOutput: 100 }), /output exceeds 100 bytes \(MAX_TEMPLATE_OUTPUT\)/);
		const start = performance.now();
		assert.throws(() => render('{{repeat 1000000000000 "abc"}}'), /MAX_TEMPLATE_OUTPUT/);
		assert.ok(performance.now() - start < 1000, "repeat is refused before building the string");
	});
	it("MAX_TEMPLATE_OUTPUT also bounds printf widths and indent before building the string", () => {
		const start = performance.now();
		assert.throws(() => render('{{printf "%*d" 1000000000000 1}}'), /width or precision exceeds \d+ bytes \(MAX_TEMPLATE_OUTPUT\)/);
		assert.throws(() => render('{{printf "%.2000000000f" 1.5}}'), /MAX_TEMPLATE_OUTPUT/);
		assert.throws(() => render('{{indent 1000000000000 "x"}}'), /MAX_TEMPLATE_OUTPUT/);
		assert.ok(performance.now() - start < 1000);
	});
	it("integer arithmetic wraps at 64 bits as Go's int64 does, so numbers cannot grow without end", () => {
		assert.equal(render("{{mul 9223372036854775807 2}} {{add 9223372036854775807 1}}"), "-2 -9223372036854775808");
		assert.equal(render("{{$x := 3}}{{range 200}}{{$x = mul $x $x}}{{end}}{{len (toString $x)}}").length <= 2, true);
		assert.equal(render('{{printf "%c|%q" -5 1114112}}'), "\uFFFD|'\uFFFD'");
	});
	it("MAX_TEMPLATE_STEPS: a huge range stops at once and a long one stops at the step budget", () => {
		const start = performance.now();
		assert.throws(() => render("{{range 1000000000000}}{{end}}"), /MAX_TEMPLATE_STEPS/);
		assert.throws(() => renderGoTemplate("{{range $i := 50}}{{range 50}}{{end}}{{end}}", {}, { maxSteps: 1000 }), /stopped after 1000 evaluation steps \(MAX_TEMPLATE_STEPS\)/);
		assert.equal(renderGoTemplate("{{range $i := 10}}{{range 10}}{{end}}{{end}}ok", {}, { maxSteps: 1000 }), "ok");
		assert.ok(performance.now() - start < 2000);
	});
});
