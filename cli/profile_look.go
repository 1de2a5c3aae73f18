package cli

import (
	"strings"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/theme"
	"github.com/nexla-tui/nexla-tui/ui"
)

// checkProfileLook validates the profile's banner colour and notification
// mode, naming the file to fix.
func checkProfileLook(st nexla.Settings) error {
	if err := theme.CheckColour(st.Accent); err != nil {
		return usageErr("config %s: profile %q: accent: %v", st.ConfigPath, st.Profile, err)
	}
	if err := ui.CheckNotifyMode(st.Notifications); err != nil {
		return usageErr("config %s: %v", st.ConfigPath, err)
	}
	return nil
}

// bannerOf is the header badge: the profile's banner, or its name in capitals
// when only an accent colour is set (the colour alone would vanish under
// NO_COLOR).
func bannerOf(st nexla.Settings) string {
	if st.Banner != "" || st.Accent == "" {
		return st.Banner
	}
	return strings.ToUpper(st.Profile)
}
