/**
 * bcrypt password verification (`$2a$`, `$2b$`, `$2y$`), as written by `htpasswd -B`.
 *
 * Blowfish's initial state is the fractional part of pi in hexadecimal (18 P-array words
 * followed by four 256-word S-boxes). Rather than embedding 1042 constants, they are
 * computed once, on first use, with Machin's formula in BigInt fixed point.
 *
 * bcrypt (Provos & Mazières, 1999):
 *   state = EksBlowfishSetup(cost, salt, key)   -- ExpandKey(salt, key), then 2^cost rounds of
 *                                                  ExpandKey(0, key); ExpandKey(0, salt)
 *   ctext = "OrpheanBeholderScryDoubt" encrypted 64 times in ECB mode
 *   hash  = the first 23 bytes of ctext in bcrypt's base64
 * The key is the UTF-8 password with a NUL terminator, cut at 72 bytes.
 */
import { timingSafeEqual } from "node:crypto";

const P_WORDS = 18;
const S_WORDS = 1024;
const STATE_WORDS = P_WORDS + S_WORDS;

let piWords: Uint32Array | undefined;

/** `atan(1/x) * 2^bits` in fixed point (Taylor series, truncating division). */
function atanInverse(x: bigint, bits: bigint): bigint {
	const one = 1n << bits;
	const x2 = x * x;
	let term = one / x;
	let sum = term;
	let sign = -1n;
	// Bounded: term shrinks by x^2 each round; ~bits / log2(x^2) rounds.
	for (let n = 3n; term !== 0n; n += 2n) {
		term /= x2;
		sum += (sign * term) / n;
		sign = -sign;
	}
	return sum;
}

/** The first `count` 32-bit words of pi's fractional hexadecimal expansion. */
export function piFractionWords(count: number): Uint32Array {
	const bits = BigInt(count * 32);
	const guard = 64n;
	const scale = bits + guard;
	// pi = 16 atan(1/5) - 4 atan(1/239)
	const pi = 16n * atanInverse(5n, scale) - 4n * atanInverse(239n, scale);
	const fraction = (pi >> guard) & ((1n << bits) - 1n);
	const hex = fraction.toString(16).padStart(count * 8, "0");
	const out = new Uint32Array(count);
	for (let i = 0; i < count; i++) out[i] = Number.parseInt(hex.slice(i * 8, i * 8 + 8), 16);
	return out;
}

function initialState(): Uint32Array {
	piWords ??= piFractionWords(STATE_WORDS);
	return piWords;
}

class Blowfish {
	readonly p: Uint32Array;
	readonly s: Uint32Array;
	/** [left, right] scratch block. */
	readonly lr = new Uint32Array(2);

	constructor() {
		const init = initialState();
		this.p = init.slice(0, P_WORDS);
		this.s = init.slice(P_WORDS);
	}

	private f(x: number): number {
		const s = this.s;
		const a = s[x >>> 24]!;
		const b = s[256 + ((x >>> 16) & 0xff)]!;
		const c = s[512 + ((x >>> 8) & 0xff)]!;
		const d = s[768 + (x & 0xff)]!;
		return ((((a + b) | 0) ^ c) + d) | 0;
	}

	/** Encrypts `lr` in place. */
	encrypt(): void {
		const p = this.p;
		let l = this.lr[0]!;
		let r = this.lr[1]!;
		for (let i = 0; i < 16; i += 2) {
			l ^= p[i]!;
			r ^= this.f(l);
			r ^= p[i + 1]!;
			l ^= this.f(r);
		}
		l ^= p[16]!;
		r ^= p[17]!;
		this.lr[0] = r;
		this.lr[1] = l;
	}

	/**
	 * bcrypt's ExpandKey: XOR the key into P cyclically, then re-key P and S by encrypting a
	 * block that is XORed, before each encryption, with the next two salt words (when a salt is given).
	 */
	expandKey(key: Uint8Array, salt: Uint32Array | undefined): void {
		const p = this.p;
		let pos = 0;
		for (let i = 0; i < P_WORDS; i++) {
			let w = 0;
			for (let k = 0; k < 4; k++) {
				w = (w << 8) | key[pos]!;
				pos = (pos + 1) % key.length;
			}
			p[i] = p[i]! ^ w;
		}
		this.lr[0] = 0;
		this.lr[1] = 0;
		let sp = 0;
		const next = (): void => {
			if (salt !== undefined) {
				this.lr[0] = this.lr[0]! ^ salt[sp]!;
				this.lr[1] = this.lr[1]! ^ salt[sp + 1]!;
				sp = (sp + 2) % salt.length;
			}
			this.encrypt();
		};
		for (let i = 0; i < P_WORDS; i += 2) {
			next();
			p[i] = this.lr[0]!;
			p[i + 1] = this.lr[1]!;
		}
		const s = this.s;
		for (let i = 0; i < S_WORDS; i += 2) {
			next();
			s[i] = this.lr[0]!;
			s[i + 1] = this.lr[1]!;
		}
	}
}

const B64 = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]));

/** bcrypt's base64 (its own alphabet, no padding). */
export function bcryptBase64Encode(data: Uint8Array): string {
	let out = "";
	for (let i = 0; i < data.length; i += 3) {
		const b0 = data[i]!;
		const b1 = i + 1 < data.length ? data[i + 1]! : 0;
		const b2 = i + 2 < data.length ? data[i + 2]! : 0;
		out += B64[b0 >>> 2]!;
		out += B64[((b0 & 0x03) << 4) | (b1 >>> 4)]!;
		if (i + 1 < data.length) out += B64[((b1 & 0x0f) << 2) | (b2 >>> 6)]!;
		if (i + 2 < data.length) out += B64[b2 & 0x3f]!;
	}
	return out;
}

/** Decodes `n` bytes from bcrypt base64; undefined on a character outside the alphabet. */
export function bcryptBase64Decode(text: string, n: number): Uint8Array | undefined {
	const out = new Uint8Array(n);
	let bits = 0;
	let acc = 0;
	let o = 0;
	for (const c of text) {
		const v = B64_INDEX.get(c);
		if (v === undefined) return undefined;
		acc = (acc << 6) | v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (o < n) out[o++] = (acc >>> bits) & 0xff;
			acc &= (1 << bits) - 1;
		}
	}
	return o === n ? out : undefined;
}

const MAGIC = new TextEncoder().encode("OrpheanBeholderScryDoubt");

/** The 31-character bcrypt hash of `password` for a 16-byte salt and a cost of 4..31. */
export function bcryptRaw(password: string | Uint8Array, salt: Uint8Array, cost: number): string {
	if (!Number.isInteger(cost) || cost < 4 || cost > 31) throw new RangeError(`bcrypt cost ${cost} is outside 4..31`);
	if (salt.length !== 16) throw new RangeError("bcrypt salt must be 16 bytes");
	const pw = typeof password === "string" ? new TextEncoder().encode(password) : password;
	// Key: password bytes plus a NUL terminator, at most 72 bytes.
	const keyLen = Math.min(pw.length + 1, 72);
	const key = new Uint8Array(keyLen);
	key.set(pw.subarray(0, keyLen));
	const saltWords = new Uint32Array(4);
	const saltBytes = new Uint8Array(16);
	saltBytes.set(salt);
	for (let i = 0; i < 4; i++) {
		saltWords[i] = ((salt[i * 4]! << 24) | (salt[i * 4 + 1]! << 16) | (salt[i * 4 + 2]! << 8) | salt[i * 4 + 3]!) >>> 0;
	}
	const bf = new Blowfish();
	bf.expandKey(key, saltWords);
	const rounds = 2 ** cost;
	for (let i = 0; i < rounds; i++) {
		bf.expandKey(key, undefined);
		bf.expandKey(saltBytes, undefined);
	}
	const ctext = new Uint32Array(6);
	for (let i = 0; i < 6; i++) {
		ctext[i] = (MAGIC[i * 4]! << 24) | (MAGIC[i * 4 + 1]! << 16) | (MAGIC[i * 4 + 2]! << 8) | MAGIC[i * 4 + 3]!;
	}
	for (let j = 0; j < 3; j++) {
		bf.lr[0] = ctext[j * 2]!;
		bf.lr[1] = ctext[j * 2 + 1]!;
		for (let i = 0; i < 64; i++) bf.encrypt();
		ctext[j * 2] = bf.lr[0]!;
		ctext[j * 2 + 1] = bf.lr[1]!;
	}
	const out = new Uint8Array(24);
	for (let i = 0; i < 6; i++) {
		const w = ctext[i]!;
		out[i * 4] = w >>> 24;
		out[i * 4 + 1] = (w >>> 16) & 0xff;
		out[i * 4 + 2] = (w >>> 8) & 0xff;
		out[i * 4 + 3] = w & 0xff;
	}
	return bcryptBase64Encode(out.subarray(0, 23));
}

const HASH_RE = /^\$(2[aby])\$(\d\d)\$([./A-Za-z0-9]{22})([./A-Za-z0-9]{31})$/;

export interface ParsedBcrypt {
	readonly variant: "2a" | "2b" | "2y";
	readonly cost: number;
	readonly salt: Uint8Array;
	readonly hash: string;
}

/** Parses `$2y$05$<22 salt><31 hash>`; undefined when it is not a bcrypt hash this module supports. */
export function parseBcrypt(encoded: string): ParsedBcrypt | undefined {
	const m = HASH_RE.exec(encoded);
	if (!m) return undefined;
	const cost = Number(m[2]);
	if (cost < 4 || cost > 31) return undefined;
	const salt = bcryptBase64Decode(m[3]!, 16);
	if (!salt) return undefined;
	return { variant: m[1] as ParsedBcrypt["variant"], cost, salt, hash: m[4]! };
}

/** True when `password` matches the bcrypt hash `encoded` (constant-time comparison of the hash part). */
export function bcryptVerify(password: string | Uint8Array, encoded: string): boolean {
	const parsed = parseBcrypt(encoded);
	if (!parsed) return false;
	const got = Buffer.from(bcryptRaw(password, parsed.salt, parsed.cost), "latin1");
	const want = Buffer.from(parsed.hash, "latin1");
	return got.length === want.length && timingSafeEqual(got, want);
}

/** A full `$2y$NN$…` hash (used by tests and to make htpasswd lines without the htpasswd tool). */
export function bcryptHash(password: string | Uint8Array, salt: Uint8Array, cost: number, variant: "2a" | "2b" | "2y" = "2y"): string {
	const saltText = bcryptBase64Encode(salt).slice(0, 22);
	return `$${variant}$${String(cost).padStart(2, "0")}$${saltText}${bcryptRaw(password, salt, cost)}`;
}
