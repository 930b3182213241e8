/**
 * Characters untrusted text may not carry into any sink: C0/C1 controls (U+0085 among them), zero-width and bidi
 * marks and overrides, line and paragraph separators, the byte-order mark. Every neutraliser replaces them with a
 * space, so one set serves the log, markdown, model answers and HTML pages alike.
 */
export const INVISIBLE_OR_CONTROL = /[\p{Cc}\u200b-\u200f\u2028-\u202e\u2060-\u2069\u061c\ufeff]/gu;
