package admin_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"masthead/internal/admin"
	"masthead/internal/auth"
	"masthead/internal/blocks"
	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/server"
	"masthead/internal/site"
	"masthead/internal/store"
)

// BenchmarkSave is the server time of an autosave: a PUT of a 1,200-word
// article with its base version, through the newsroom's handler (session
// check, rules, validation, the save and its revision, the cache purge), on
// each database. It reports the median and 95th-percentile latency.
func BenchmarkSave(b *testing.B) {
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			st := dbtest.SQLite(b)
			if engine == "postgres" {
				st = dbtest.Postgres(b)
			}
			ctx := context.Background()
			log := slog.New(slog.NewTextHandler(io.Discard, nil))
			pub, err := site.New(site.Config{BaseURL: "http://news.example", DataDir: b.TempDir()}, st, log)
			if err != nil {
				b.Fatal(err)
			}
			adm, err := admin.New(admin.Config{BaseURL: "http://news.example", Preview: pub.Preview}, st, log)
			if err != nil {
				b.Fatal(err)
			}
			srv := server.New(st, pub, log, server.Options{Newsroom: adm.Handler(), CacheBytes: 8 << 20})
			srv.SetReady(true)
			h := srv.Handler()
			sec := news.Section{Name: "Harbour"}
			au := news.Author{Name: "Morwenna Quayle"}
			u := news.User{Email: "ed@courier.example", Name: "Ed", Role: news.RoleEditor}
			if err := errors.Join(st.CreateSection(ctx, &sec), st.CreateAuthor(ctx, &au), st.CreateUser(ctx, &u, auth.HashPassword(goodPassword))); err != nil {
				b.Fatal(err)
			}
			token := auth.NewToken()
			if err := st.CreateSession(ctx, u.ID, auth.TokenHash(token), "bench", time.Hour, false); err != nil {
				b.Fatal(err)
			}
			var body blocks.Document
			for i := range 40 {
				body = append(body, blocks.P(blocks.T(strings.Repeat("The harbour board met again on Tuesday evening. ", 4)+string(rune('a'+i%26)))))
			}
			a := news.Article{Headline: "Harbour board meets", Section: sec, Authors: []news.Author{au}, Body: body}
			v, err := st.SaveEdit(ctx, store.Edit{Article: &a, By: u.ID})
			if err != nil {
				b.Fatal(err)
			}
			path := "/admin/api/articles/" + itoa(a.ID)
			var lat []time.Duration
			b.ResetTimer()
			for b.Loop() {
				a.Standfirst = "Version " + itoa(int64(v))
				payload, _ := json.Marshal(map[string]any{"base": v, "article": a})
				req := httptest.NewRequest("PUT", path, bytes.NewReader(payload))
				req.Header.Set("Content-Type", "application/json")
				req.AddCookie(&http.Cookie{Name: admin.SessionCookie, Value: token})
				w := httptest.NewRecorder()
				start := time.Now()
				h.ServeHTTP(w, req)
				lat = append(lat, time.Since(start))
				if w.Code != 200 {
					b.Fatalf("save: %d %s", w.Code, w.Body.String())
				}
				var doc struct{ Version int }
				_ = json.Unmarshal(w.Body.Bytes(), &doc)
				v = doc.Version
			}
			b.StopTimer()
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(lat[len(lat)*95/100].Microseconds())/1000, "p95-ms")
		})
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
