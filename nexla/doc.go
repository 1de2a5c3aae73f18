// Package nexla is the client of Nexla's REST API: connection settings,
// authentication, the transport (retries, backoff, breaker, settling of lost
// mutation answers), typed errors, models and one file per resource family.
// It imports nothing of the UI and reads no file.
//
// What it relies on about the API is written down in docs/contract.md: a
// comment's "contract §9 #8" (or a bare "§5.6") anywhere in this repository
// is a section of that page.
package nexla
