package admin_test

import (
	"net/http"
	"testing"

	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/store"
)

// TestEditorCallsAnswerInJSON: the editor reads the reason for a refused
// save from the JSON it gets back, so its calls are answered in JSON when
// the person is signed out and when their session cannot be read at all
// (the database gone), not with the newsroom's HTML error page.
func TestEditorCallsAnswerInJSON(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		d := newDesk(t, st)
		a, v := d.draft(news.RoleAuthor, news.Draft, "Ferry timetable changes")
		code, out := d.api("", "PUT", articlePath(a), map[string]any{"base": v})
		if msg, _ := out["error"].(string); code != http.StatusUnauthorized || msg == "" {
			t.Errorf("a save signed out: %d %v, want 401 with the reason in JSON", code, out)
		}
		st.Close()
		code, out = d.api(news.RoleEditor, "PUT", articlePath(a), map[string]any{"base": v})
		if msg, _ := out["error"].(string); code < 500 || msg == "" {
			t.Errorf("a save when the session cannot be read: %d %v, want a 5xx with the reason in JSON", code, out)
		}
	})
}
