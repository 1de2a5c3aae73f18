package nexla

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"time"
)

// Time is a timestamp as Nexla sends it. The server renders ISO-8601 strings
// ("2023-01-15T10:30:00.000Z"), some endpoints send epoch milliseconds or
// seconds, and many fields may be null. Time accepts all of them so a new
// format on one endpoint never breaks decoding of a whole list.
type Time struct{ time.Time }

var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.000Z0700",
	"2006-01-02T15:04:05Z0700",
	"2006-01-02 15:04:05 MST",
	"2006-01-02 15:04:05",
	"2006-01-02",
}

// UnmarshalJSON tolerates strings, numbers (epoch s or ms) and null.
func (t *Time) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || bytes.Equal(b, []byte("null")) {
		t.Time = time.Time{}
		return nil
	}
	if b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return nil
		}
		s = strings.TrimSpace(s)
		if s == "" {
			t.Time = time.Time{}
			return nil
		}
		for _, l := range timeLayouts {
			if v, err := time.Parse(l, s); err == nil {
				t.Time = v.UTC()
				return nil
			}
		}
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			t.Time = EpochToTime(n)
		}
		// An unparseable time is left zero rather than failing the whole object.
		return nil
	}
	if n, err := strconv.ParseFloat(string(b), 64); err == nil {
		t.Time = EpochToTime(int64(n))
	}
	return nil
}

// MarshalJSON writes the server's format, or null for the zero time.
func (t Time) MarshalJSON() ([]byte, error) {
	if t.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(t.UTC().Format("2006-01-02T15:04:05.000Z"))
}

// EpochToTime reads an epoch value in seconds or milliseconds: values at or
// above 1e11 are milliseconds (the same rule the simulator uses for log
// `from`/`to`, since the SDK itself sends both units).
func EpochToTime(n int64) time.Time {
	if n >= 1e11 || n <= -1e11 {
		return time.UnixMilli(n).UTC()
	}
	return time.Unix(n, 0).UTC()
}
