package theme

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Roles are the colour roles a config file may override (theme: {ok: "#00ff00"}).
func Roles() []string {
	r := make([]string, 0, 8)
	for k := range defaultColours(false) {
		r = append(r, k)
	}
	sort.Strings(r)
	return r
}

// defaultColours uses the 16 base ANSI colours so the palette looks the same
// at 16, 256 and true-colour depths and follows the user's terminal scheme.
func defaultColours(light bool) map[string]string {
	c := map[string]string{
		"text": "7", "muted": "8", "ok": "2", "warn": "3", "error": "1",
		"info": "6", "accent": "5", "border": "8", "key": "4",
	}
	if light {
		c["text"] = "0"
		c["key"] = "4"
	}
	return c
}

// validColour accepts an ANSI index 0..255 or #rgb/#rrggbb.
func validColour(c string) bool {
	if n, err := strconv.Atoi(c); err == nil {
		return n >= 0 && n <= 255
	}
	if strings.HasPrefix(c, "#") && (len(c) == 4 || len(c) == 7) {
		_, err := strconv.ParseUint(c[1:], 16, 32)
		return err == nil
	}
	return false
}

// CheckColour explains why c is not a colour New accepts ("" is fine: the default).
func CheckColour(c string) error {
	if c == "" || validColour(c) {
		return nil
	}
	return fmt.Errorf("colour %q is not an ANSI index 0-255 or #rrggbb", c)
}
