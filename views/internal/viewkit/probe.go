package viewkit

import (
	"context"
	"strconv"

	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/ui"
)

// ProbeCmd probes credential id now (POST .../probe) and toasts what the
// server answered: the credentials table and the detail share it.
func ProbeCmd(api nexla.API, ctx context.Context, id int64) tea.Cmd {
	if api == nil {
		return nil
	}
	return func() tea.Msg {
		what := "credential " + strconv.FormatInt(id, 10)
		res, err := api.ProbeCredential(ctx, id)
		switch {
		case err != nil:
			return ui.ToastMsg{Level: ui.ToastError, Text: "probe of " + what + " failed: " + ErrText(err)}
		case res.OK:
			return ui.ToastMsg{Level: ui.ToastInfo, Text: "probe of " + what + ": OK (r re-reads its stored status)"}
		}
		return ui.ToastMsg{Level: ui.ToastError, Text: "probe of " + what + ": FAILED " + strconv.Itoa(res.HTTPStatus) + " " +
			Clean(res.Message)}
	}
}
