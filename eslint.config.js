// Lint: ESLint's and typescript-eslint's recommended rules (syntax-level, fast; types are checked by tsc).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
	{ ignores: ["dist/**", "node_modules/**", "action/dist/**", ".node-lts/**"] },
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		languageOptions: { globals: { process: "readonly", Buffer: "readonly", console: "readonly", URL: "readonly", setTimeout: "readonly", clearTimeout: "readonly", setInterval: "readonly", clearInterval: "readonly", AbortController: "readonly", AbortSignal: "readonly", TextEncoder: "readonly", TextDecoder: "readonly", fetch: "readonly", Headers: "readonly", structuredClone: "readonly", queueMicrotask: "readonly", setImmediate: "readonly" } },
		rules: {
			"@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
			"no-control-regex": "off",
			"@typescript-eslint/no-explicit-any": "error",
			"no-constant-condition": ["error", { checkLoops: false }],
		},
	},
);
