// The Dutch and English hyphenation patterns of the `hyphen` package (TeX's hyph-nl and hyph-en-us, ISC-licensed
// code), which ships no types of its own. CommonJS: Node's ES modules see only its default export.
interface Hyphenator {
  hyphenateSync(text: string, options?: { hyphenChar?: string; minWordLength?: number }): string;
}
declare module 'hyphen/nl' {
  const hyphenator: Hyphenator;
  export default hyphenator;
}
declare module 'hyphen/en' {
  const hyphenator: Hyphenator;
  export default hyphenator;
}
