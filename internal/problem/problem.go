// Package problem writes errors as RFC 9457 problem documents
// (application/problem+json), the form of every error of the API and of the
// newsroom's JSON calls. A news error's code picks the status in one place,
// news.HTTPStatus.
package problem

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"

	"masthead/internal/news"
)

// ContentType is the media type of a problem document.
const ContentType = "application/problem+json"

// Problem is one problem document. Type is "about:blank" (the status says
// it all) unless a more precise type is named. Errors lists the fields at
// fault for a validation error. Error, Field and Current are the
// newsroom's editor's own extensions, kept for it.
type Problem struct {
	Type    string       `json:"type"`
	Title   string       `json:"title"`
	Status  int          `json:"status"`
	Detail  string       `json:"detail,omitempty"`
	Errors  []FieldError `json:"errors,omitempty"`
	Error   string       `json:"error,omitempty"`
	Field   string       `json:"field,omitempty"`
	Current any          `json:"current,omitempty"`
}

// FieldError names one field at fault and what is wrong with it.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// New returns a problem of the status, with its standard title.
func New(status int, detail string) Problem {
	return Problem{Type: "about:blank", Title: http.StatusText(status), Status: status, Detail: detail}
}

// FromError returns the problem for err: the status its code maps to (see
// news.HTTPStatus), its safe message, and the field it names. Internal
// detail never reaches the document.
func FromError(err error) Problem {
	p := New(news.HTTPStatus(err), news.ErrorMessage(err))
	var e *news.Error
	if errors.As(err, &e) && e.Field != "" {
		p.Errors = []FieldError{{Field: e.Field, Message: e.Message}}
	}
	return p
}

// Write sends p; an unavailable service asks the client to come back later.
func Write(w http.ResponseWriter, p Problem) {
	h := w.Header()
	h.Set("Content-Type", ContentType)
	h.Del("Content-Length")
	if p.Status == http.StatusServiceUnavailable && h.Get("Retry-After") == "" {
		h.Set("Retry-After", strconv.Itoa(news.RetryAfter))
	}
	w.WriteHeader(p.Status)
	_ = json.NewEncoder(w).Encode(p)
}
