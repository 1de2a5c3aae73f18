package sim

import (
	"encoding/json"
	"slices"
	"strconv"
)

// appendJSON appends v as json.Marshal writes it, byte for byte, for the
// values handlers build (obj, slices of them, strings, integers, bools,
// nil); every other value goes through json.Marshal. encoding/json walks
// each map by reflection and sorts its keys as reflect values: on a
// 30,000-flow org that was a fifth of the simulator's CPU, which the client
// under test shares the machine with.
func appendJSON(b []byte, v any) ([]byte, error) {
	var err error
	switch x := v.(type) {
	case nil:
		return append(b, "null"...), nil
	case string:
		return appendJSONString(b, x), nil
	case bool:
		return strconv.AppendBool(b, x), nil
	case int:
		return strconv.AppendInt(b, int64(x), 10), nil
	case int64:
		return strconv.AppendInt(b, x, 10), nil
	case int32:
		return strconv.AppendInt(b, int64(x), 10), nil
	case obj:
		if x == nil {
			return append(b, "null"...), nil
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys) // encoding/json's order for string keys
		b = append(b, '{')
		for i, k := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(appendJSONString(b, k), ':')
			if b, err = appendJSON(b, x[k]); err != nil {
				return b, err
			}
		}
		return append(b, '}'), nil
	case []obj:
		return appendJSONSlice(b, x)
	case []any:
		return appendJSONSlice(b, x)
	case []string:
		return appendJSONSlice(b, x)
	}
	m, err := json.Marshal(v)
	return append(b, m...), err
}

// appendJSONSlice is a slice's array; a nil slice is null.
func appendJSONSlice[T any](b []byte, xs []T) ([]byte, error) {
	if xs == nil {
		return append(b, "null"...), nil
	}
	var err error
	b = append(b, '[')
	for i := range xs {
		if i > 0 {
			b = append(b, ',')
		}
		if b, err = appendJSON(b, xs[i]); err != nil {
			return b, err
		}
	}
	return append(b, ']'), nil
}

// appendJSONString writes printable ASCII that encoding/json leaves as is
// directly; any other string (escapes, HTML characters, non-ASCII, which
// it may escape or replace) goes through json.Marshal.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			m, _ := json.Marshal(s) // a string always marshals
			return append(b, m...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}
