package cli

import (
	"strings"

	"github.com/nexla-tui/nexla-tui/config"
)

// bannerOf is the header badge: the profile's banner, or its name in capitals
// when only an accent colour is set (the colour alone would vanish under
// NO_COLOR).
func bannerOf(c config.Config) string {
	if c.Banner != "" || c.Accent == "" {
		return c.Banner
	}
	return strings.ToUpper(c.Connection.Profile)
}
