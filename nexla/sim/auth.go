package sim

import (
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// authorized checks the Bearer token of an API call and names its user.
func (s *Sim) authorized(r *http.Request) (int64, bool) {
	typ, tok, ok := splitAuth(r)
	if !ok || !strings.EqualFold(typ, "Bearer") {
		return 0, false
	}
	now := s.clock.tokenNow()
	s.mu.RLock()
	sess, known := s.tokens[tok]
	s.mu.RUnlock()
	return sess.user, known && now.Before(sess.exp)
}

// splitAuth splits "Type credentials"; ok=false when the header is missing or
// does not have exactly two parts.
func splitAuth(r *http.Request) (typ, cred string, ok bool) {
	parts := strings.Fields(r.Header.Get("Authorization"))
	if len(parts) != 2 {
		return "", "", false
	}
	return parts[0], parts[1], true
}

// keyOwner finds the identity of a service key: the raw key (what the SDK
// sends) or its base64 form (what a strict Basic-auth client sends), with or
// without "key:".
func (s *Sim) keyOwner(cred string) (int64, bool) {
	dec, err := base64.StdEncoding.DecodeString(cred)
	decoded := err == nil
	for _, id := range s.idents {
		want := []byte(id.ServiceKey)
		if subtle.ConstantTimeCompare([]byte(cred), want) == 1 ||
			(decoded && subtle.ConstantTimeCompare([]byte(strings.TrimSuffix(string(dec), ":")), want) == 1) {
			return id.UserID, true
		}
	}
	return 0, false
}

func (s *Sim) handleToken(w http.ResponseWriter, r *http.Request) {
	if r.URL.Query().Get("refresh") != "" {
		s.handleTokenRefresh(w, r)
		return
	}
	if strings.TrimSpace(r.Header.Get("Authorization")) == "" {
		writeEmpty(w, http.StatusUnauthorized)
		return
	}
	typ, cred, ok := splitAuth(r)
	if !ok {
		writeMessage(w, http.StatusBadRequest, "Invalid header format")
		return
	}
	user, known := s.keyOwner(cred)
	if !strings.EqualFold(typ, "Basic") || !known {
		s.count("401")
		writeEmpty(w, http.StatusUnauthorized)
		return
	}
	s.issueToken(w, user)
}

func (s *Sim) handleTokenRefresh(w http.ResponseWriter, r *http.Request) {
	user, ok := s.authorized(r)
	if !ok {
		s.count("401")
		writeEmpty(w, http.StatusUnauthorized)
		return
	}
	_, old, _ := splitAuth(r)
	s.mu.Lock()
	delete(s.tokens, old)
	s.mu.Unlock()
	s.issueToken(w, user)
}

func (s *Sim) handleLogout(w http.ResponseWriter, r *http.Request) {
	_, tok, ok := splitAuth(r)
	if !ok {
		writeMessage(w, http.StatusBadRequest, "Invalid header format")
		return
	}
	s.mu.Lock()
	delete(s.tokens, tok)
	s.mu.Unlock()
	writeEmpty(w, http.StatusOK)
}

// issueToken mints a JWT-shaped opaque token for user.
func (s *Sim) issueToken(w http.ResponseWriter, user int64) {
	s.faultMu.Lock()
	n := s.rng.Uint64()
	s.counts["tokens_issued"]++
	s.faultMu.Unlock()
	exp := s.clock.tokenNow().Add(s.opts.TokenLifetime)
	enc := base64.RawURLEncoding
	header := enc.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`))
	mb := s.memberOf(user)
	claims, _ := json.Marshal(map[string]any{"sub": user, "org": mb.org.id, "exp": exp.Unix(), "jti": fmt.Sprintf("%016x", n)})
	sig := enc.EncodeToString([]byte(fmt.Sprintf("sim-%016x-signature", n^0x5a5a5a5a)))
	tok := header + "." + enc.EncodeToString(claims) + "." + sig
	s.mu.Lock()
	s.tokens[tok] = session{exp: exp, user: user}
	body := s.tokenBody(tok, user)
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, body)
}

func (s *Sim) tokenBody(tok string, user int64) map[string]any {
	cu := s.currentUserBody(user)
	return map[string]any{
		"access_token":   tok,
		"token_type":     "Bearer",
		"expires_in":     int64(s.opts.TokenLifetime.Seconds()),
		"user":           cu["user"],
		"org_membership": map[string]any{"api_key": "[hidden]", "status": "ACTIVE", "is_admin?": false, "access_role": "member", "access_role_expires_at": nil},
		"org":            cu["org"],
	}
}

func (s *Sim) currentUserBody(uid int64) map[string]any {
	mb := s.memberOf(uid)
	u, o := mb.u, mb.org
	created := s.opts.Start.Add(-400 * 24 * 60 * 60 * 1e9)
	org := orgFull(o)
	return map[string]any{
		"user": map[string]any{
			"id": u.id, "email": u.email, "full_name": u.fullName, "impersonated": false,
			"default_org": map[string]any{"id": o.id, "name": o.name}, "user_tier": nil, "status": "ACTIVE",
			"account_locked": false,
			"org_memberships": []any{map[string]any{"id": o.id, "name": o.name, "is_admin?": false, "access_role": "member",
				"access_role_expires_at": nil, "org_membership_status": "ACTIVE"}},
			"custodian_for_orgs": []any{}, "custodian_for_domains": []any{},
			"email_verified_at": isoTime(created), "tos_signed_at": isoTime(created),
			"updated_at": isoTime(created), "created_at": isoTime(created),
		},
		"org_membership": map[string]any{"status": "ACTIVE", "is_admin?": false, "access_role": "member", "access_role_expires_at": nil},
		"org":            org,
	}
}

func orgFull(o orgInfo) map[string]any {
	return map[string]any{
		"id": o.id, "name": o.name, "cluster_id": 1, "new_cluster_id": nil, "cluster_status": "ACTIVE", "status": "ACTIVE",
		"email_domain": o.emailDomain, "email": "data-team@" + o.emailDomain, "client_identifier": o.code,
		"self_signup": false, "features_enabled": []any{}, "org_tier": nil,
		"org_webhook_host": "webhooks.sim.nexla.example", "nexset_api_host": "nexset-api.sim.nexla.example",
	}
}

func (s *Sim) handleCurrentUser(w http.ResponseWriter, r *http.Request) {
	s.mu.RLock()
	body := s.currentUserBody(callerOf(r))
	s.mu.RUnlock()
	writeJSON(w, http.StatusOK, body)
}

// handleLimits reports request counters against generous limits.
func (s *Sim) handleLimits(w http.ResponseWriter, r *http.Request) {
	s.faultMu.Lock()
	reqs := s.counts["requests"]
	s.faultMu.Unlock()
	counter := func(limit, count int64) map[string]int64 { return map[string]int64{"limit": limit, "count": count} }
	writeJSON(w, http.StatusOK, map[string]any{
		"second": map[string]any{"common": counter(20, 1), "light": counter(50, 0), "medium": counter(10, 0), "high": counter(2, 0)},
		"day":    map[string]any{"common": counter(200000, reqs), "light": counter(500000, 0), "medium": counter(100000, 0), "high": counter(20000, 0)},
	})
}
