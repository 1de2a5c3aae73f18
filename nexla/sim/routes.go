package sim

import (
	"context"
	"net/http"
	"strings"
)

// Resource families that sit in flows, by path segment.
var flowFamilies = []struct {
	seg  string
	kind uint8
}{{"data_sources", kindSource}, {"data_sets", kindNexset}, {"data_sinks", kindSink}}

type ctxKey int

const prefixKey ctxKey = 1

// routes builds the handler: admin endpoints, then faults, auth and the API.
func (s *Sim) routes() http.Handler {
	api := http.NewServeMux()
	api.HandleFunc("POST /token", s.handleToken)
	api.HandleFunc("POST /token/refresh", s.handleTokenRefresh)
	api.HandleFunc("POST /token/logout", s.handleLogout)
	api.HandleFunc("GET /users/current", s.handleCurrentUser)
	api.HandleFunc("GET /limits", s.handleLimits)
	api.HandleFunc("GET /health/org/flows", s.handleOrgHealthFlows)
	api.HandleFunc("GET /health/org/all", s.handleOrgHealthAll)
	api.HandleFunc("GET /users/{uid}/flows/dashboard", s.handleDashboard)

	api.HandleFunc("GET /flows", s.handleFlowList)
	s.flowRoutes(api, "/flows/{id}", s.flowByNode)
	api.HandleFunc("GET /flows/{id}/run_status/{run}", withID(s.handleRunStatus))
	api.HandleFunc("GET /flows/{id}/audit_log", s.handleAudit(kindFlow))
	s.accessorRoutes(api, "flows", kindFlow)

	for _, fam := range flowFamilies {
		p, k := "/"+fam.seg, fam.kind
		api.HandleFunc("GET "+p, s.handleList(k))
		api.HandleFunc("GET "+p+"/{id}", s.handleGet(k))
		api.HandleFunc("PUT "+p+"/{id}/activate", s.handleResourceActivate(k, true))
		api.HandleFunc("PUT "+p+"/{id}/pause", s.handleResourceActivate(k, false))
		s.flowRoutes(api, p+"/{id}/flow", s.flowByResource(k))
		// The spec's older spelling of the flow logs and metrics paths.
		api.HandleFunc("GET /data_flows"+p+"/{id}/logs", s.handleFlowLogs(s.flowByResource(k)))
		api.HandleFunc("GET /data_flows"+p+"/{id}/metrics", s.handleFlowMetrics(s.flowByResource(k)))
		api.HandleFunc("GET "+p+"/{id}/metrics", s.handleDailyMetrics(k))
		api.HandleFunc("GET "+p+"/{id}/metrics/run_summary", s.handleRunSummary(k))
		api.HandleFunc("GET "+p+"/{id}/audit_log", s.handleAudit(k))
		s.accessorRoutes(api, fam.seg, k)
	}
	api.HandleFunc("GET /data_sets/{id}/samples", withID(s.handleSamples))

	api.HandleFunc("GET /data_credentials", s.handleList(kindCredential))
	api.HandleFunc("GET /data_credentials/{id}", s.handleGet(kindCredential))
	api.HandleFunc("GET /data_credentials/{id}/probe", withID(s.handleProbe))
	api.HandleFunc("GET /data_credentials/{id}/probe/authenticate", withID(s.handleProbe))
	api.HandleFunc("POST /data_credentials/{id}/probe/tree", withID(s.handleProbeTree))
	api.HandleFunc("POST /data_credentials/{id}/probe/sample", withID(s.handleProbeSample))
	api.HandleFunc("GET /data_credentials/{id}/audit_log", s.handleAudit(kindCredential))
	s.accessorRoutes(api, "data_credentials", kindCredential)

	api.HandleFunc("GET /notifications", s.handleNotifications)
	api.HandleFunc("GET /notifications/count", s.handleNotificationCount)
	api.HandleFunc("GET /notifications/{id}", withID(s.handleNotificationGet))
	api.HandleFunc("PUT /notifications/mark_read", s.handleMarkRead(true))
	api.HandleFunc("PUT /notifications/mark_unread", s.handleMarkRead(false))

	admin := s.adminRoutes()
	return s.recordMutations(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/__sim/") {
			admin.ServeHTTP(w, r)
			return
		}
		// Real deployments live under /nexla-api; accept both.
		if rest, ok := strings.CutPrefix(r.URL.Path, "/nexla-api"); ok && (rest == "" || rest[0] == '/') {
			r = r.WithContext(context.WithValue(r.Context(), prefixKey, "/nexla-api"))
			r.URL.Path = rest
			r.URL.RawPath = ""
		}
		// Date is the server's clock, which is the sim clock: a client
		// that computes "how long ago" must use it, not its own.
		w.Header().Set("Date", s.clock.now().Format(http.TimeFormat))
		if !s.injectFaults(w, r) {
			return
		}
		w = s.slowWriter(w)
		_, pattern := api.Handler(r)
		if pattern == "" {
			// Unknown route or verb: Rails answers 404 with no body.
			writeEmpty(w, http.StatusNotFound)
			return
		}
		s.count("requests")
		if !isTokenRoute(r.URL.Path) {
			user, ok := s.authorized(r)
			if !ok {
				s.count("401")
				writeEmpty(w, http.StatusUnauthorized)
				return
			}
			r = withCaller(r, user)
		}
		s.advanceToNow()
		s.serveAPI(api, w, r)
	}))
}

func isTokenRoute(p string) bool { return p == "/token" }

// advanceToNow produces the runs due on the sim clock before a request reads.
func (s *Sim) advanceToNow() {
	now := s.clock.now()
	s.mu.RLock()
	due := !now.Before(s.minNext)
	s.mu.RUnlock()
	if due {
		s.mu.Lock()
		s.catchUp(now)
		s.mu.Unlock()
	}
}

// flowFinder resolves the {id} of a flow path to the flow and the node it
// names (nil when there is none). It runs with s.mu held.
type flowFinder func(id int64) (*flow, int64)

// flowByNode serves /flows/{id}: id is any node of the flow.
func (s *Sim) flowByNode(id int64) (*flow, int64) { return s.org.flowByNode[id], id }

// flowByResource serves /{rt}/{id}/flow/...: id is a resource of the family.
func (s *Sim) flowByResource(kind uint8) flowFinder {
	return func(id int64) (*flow, int64) {
		f, b := s.lookup(kind, id)
		if f == nil {
			return nil, 0
		}
		return f, b.nodeID
	}
}

// flowRoutes registers what a flow path answers, under /flows/{id} and under
// /{rt}/{id}/flow alike: the flow, activate/pause, logs and metrics.
func (s *Sim) flowRoutes(mux *http.ServeMux, prefix string, find flowFinder) {
	mux.HandleFunc("GET "+prefix, s.handleFlowShow(find))
	mux.HandleFunc("PUT "+prefix+"/activate", s.handleFlowActivate(find, true))
	mux.HandleFunc("PUT "+prefix+"/pause", s.handleFlowActivate(find, false))
	mux.HandleFunc("GET "+prefix+"/logs", s.handleFlowLogs(find))
	mux.HandleFunc("GET "+prefix+"/metrics", s.handleFlowMetrics(find))
}

func (s *Sim) accessorRoutes(mux *http.ServeMux, seg string, kind uint8) {
	p := "/" + seg + "/{id}/accessors"
	mux.HandleFunc("GET "+p, s.handleAccessors(kind, "get"))
	mux.HandleFunc("PUT "+p, s.handleAccessors(kind, "add"))
	mux.HandleFunc("POST "+p, s.handleAccessors(kind, "replace"))
	mux.HandleFunc("DELETE "+p, s.handleAccessors(kind, "delete"))
}
