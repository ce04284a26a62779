package api

import (
	_ "embed"
	"net/http"
)

// OpenAPI is the API's OpenAPI 3.1 document, written by hand to match the
// routes; a test checks every route is in it and validates every test
// request and answer against it. Webhooks add their routes here too.
//
//go:embed openapi.json
var OpenAPI []byte

func (a *API) openAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "public, max-age=3600")
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_, _ = w.Write(OpenAPI)
}
