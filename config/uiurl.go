package config

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// The web console link of a resource. Nexla does not document its console's
// URL scheme, so the profile's `ui_url` is a template the user sets:
//
//	ui_url: "https://dataops.nexla.io/#/flows/{flow_id}"
//
// {id} is the resource's id, {kind} its API collection (data_sources,
// data_sets, data_sinks, data_credentials, flows) and {flow_id} the id of
// the flow it belongs to. Without one, DefaultUIURL guesses from the API URL.

// uiURLPlaceholders are the words a ui_url template may use.
var uiURLPlaceholders = []string{"{id}", "{kind}", "{flow_id}"}

// CheckUIURL validates a ui_url template: an http(s) URL with a host, whose
// only braces are the known placeholders.
func CheckUIURL(tmpl string) error {
	if tmpl == "" {
		return nil
	}
	rest := tmpl
	for _, p := range uiURLPlaceholders {
		rest = strings.ReplaceAll(rest, p, "1")
	}
	if i := strings.IndexAny(rest, "{}"); i >= 0 {
		return fmt.Errorf("%q: unknown placeholder near %q (use %s)", tmpl, rest[i:min(i+12, len(rest))], strings.Join(uiURLPlaceholders, ", "))
	}
	u, err := url.Parse(rest)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Errorf("%q is not an http(s) URL with a host", tmpl)
	}
	for _, r := range tmpl {
		if r < 0x20 || r == 0x7f || r == ' ' {
			return fmt.Errorf("%q: control characters and spaces are not allowed", tmpl)
		}
	}
	return nil
}

// DefaultUIURL is the documented guess when a profile sets no ui_url: the
// API's host, at the console's flow page (https://dataops.nexla.io/#/flows/{flow_id}
// for the default API URL).
func DefaultUIURL(apiBaseURL string) string {
	u, err := url.Parse(apiBaseURL)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return ""
	}
	return u.Scheme + "://" + u.Host + "/#/flows/{flow_id}"
}

// ExpandUIURL fills a checked template for one resource; ok is false when
// the template needs something unknown (a flow id of a credential).
func ExpandUIURL(tmpl string, rt nexla.ResourceType, id, flowID int64) (string, bool) {
	if tmpl == "" || id <= 0 {
		return "", false
	}
	if rt == nexla.Flows && flowID == 0 {
		flowID = id
	}
	if strings.Contains(tmpl, "{flow_id}") && flowID <= 0 {
		return "", false
	}
	r := strings.NewReplacer("{id}", strconv.FormatInt(id, 10), "{kind}", string(rt), "{flow_id}", strconv.FormatInt(flowID, 10))
	return r.Replace(tmpl), true
}
