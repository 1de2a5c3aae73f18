package safetext

import (
	"bufio"
	"encoding/json"
	"io"
	"strconv"
	"unicode/utf8"
)

// WriteJSON writes v as JSON indented by two spaces and ending in a newline
// (what json.Encoder with SetIndent writes), with every Invisible character
// written as a \u escape. encoding/json keeps C1 controls, bidi overrides
// and zero-width characters as raw UTF-8: piped to a terminal or pasted into
// a review, they reorder or hide text. The escaped document decodes to the
// same data. Every `-o json` command writes through here.
func WriteJSON(w io.Writer, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	b = append(EscapeInvisible(b), '\n')
	_, err = w.Write(b)
	return err
}

// WriteJSONArray writes the n items item(0)...item(n-1) as WriteJSON writes
// the slice of them, byte for byte, one item at a time through a buffer:
// the array is never held whole (as values, then as a document, then
// indented; at 30,000 health rows that was 40 MB at the end of the run).
// An item that cannot be marshalled ends the output short with that error.
func WriteJSONArray(w io.Writer, n int, item func(i int) any) error {
	bw := bufio.NewWriter(w)
	if n == 0 {
		_, _ = bw.WriteString("[]\n")
		return bw.Flush()
	}
	_, _ = bw.WriteString("[\n  ")
	for i := range n {
		b, err := json.MarshalIndent(item(i), "  ", "  ")
		if err != nil {
			_ = bw.Flush()
			return err
		}
		if i > 0 {
			_, _ = bw.WriteString(",\n  ")
		}
		_, _ = bw.Write(EscapeInvisible(b))
	}
	_, _ = bw.WriteString("\n]\n")
	return bw.Flush()
}

// EscapeInvisible rewrites every Invisible rune of the JSON document b as a
// \uXXXX escape. It is valid because outside strings JSON is ASCII, so such
// a rune can only sit inside a string, where the escape means the same rune.
// Linear in len(b); b is returned as is when it holds none.
func EscapeInvisible(b []byte) []byte {
	first := -1
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++ // ASCII: the common case, skipped without decoding
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if Invisible(r) {
			first = i
			break
		}
		i += size
	}
	if first < 0 {
		return b
	}
	out := make([]byte, 0, len(b)+16)
	out = append(out, b[:first]...)
	for i := first; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if Invisible(r) {
			out = append(out, `\u`...)
			h := strconv.FormatInt(int64(r), 16)
			for n := len(h); n < 4; n++ {
				out = append(out, '0')
			}
			out = append(out, h...)
		} else {
			out = append(out, b[i:i+size]...)
		}
		i += size
	}
	return out
}

// Invisible reports whether r is a C1 control (U+0080-U+009F), a bidi mark,
// embedding, override or isolate (U+061C, U+200E, U+200F, U+202A-U+202E,
// U+2066-U+2069), a zero-width character (U+200B-U+200D, U+2060, U+FEFF) or
// a line/paragraph separator (U+2028, U+2029): characters a terminal shows
// as nothing, or that reorder the text around them. Clean drops them all.
func Invisible(r rune) bool {
	switch {
	case r >= 0x80 && r <= 0x9f,
		r == 0x061c, r == 0x200e, r == 0x200f,
		r >= 0x202a && r <= 0x202e,
		r >= 0x2066 && r <= 0x2069,
		r >= 0x200b && r <= 0x200d, r == 0x2060, r == 0xfeff,
		r == 0x2028, r == 0x2029:
		return true
	}
	return false
}
