package store_test

import (
	"context"
	"fmt"
	"log/slog"
	"testing"
	"time"

	"masthead/internal/blocks"
	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/store"
)

// relatedTopics are three running stories a newsroom might cover, each told
// in several articles with the words such coverage really uses, in different
// forms (crane, cranes; flooding, floods).
var relatedTopics = map[string][]struct{ headline, body string }{
	"docks": {
		{"Dockers strike over crane automation", "Dockers at the container terminal walked out as automated cranes arrived. The union says automation threatens every crane driver."},
		{"Container terminal cranes stand idle", "Cranes at the container terminal stood idle for a second day while dockers picketed the gates."},
		{"Union and port agree talks on automation", "The dockers’ union and the port agreed to talks on crane automation at the container terminal."},
		{"Automated crane trial paused at terminal", "The port paused its automated crane trial after dockers raised safety concerns at the terminal."},
		{"Dockers return as crane deal is signed", "Dockers returned to the container terminal after the union signed a deal limiting crane automation."},
	},
	"floods": {
		{"River bursts its banks after record rainfall", "Record rainfall sent the river over its banks; sandbags lined the flooded lower town and cellars filled overnight."},
		{"Flood defences hold in the lower town", "The new flood defences held back the river, though cellars flooded where sandbags ran short."},
		{"Rainfall warning as river rises again", "Forecasters issued a rainfall warning and volunteers filled sandbags as the river rose towards the flood defences."},
		{"Who pays for the flood damage?", "Insurers and the council argue over cellars ruined by the flooding after record rainfall swelled the river."},
		{"Sandbag volunteers thanked after floods", "The council thanked the volunteers whose sandbags kept the river from the lower town during the floods."},
	},
	"schools": {
		{"School budget cuts hit classroom assistants", "Headteachers say the school budget cuts will cost classroom assistants their jobs and pupils their support."},
		{"Teachers protest over school budget", "Teachers and pupils’ parents protested outside the education office over the school budget."},
		{"Headteachers warn of larger classes", "Headteachers warned that the school budget would mean larger classes for pupils and fewer teachers."},
		{"Education office defends school budget", "The education office defended its school budget, saying classroom spending per pupil would rise."},
		{"Parents raise funds for classroom books", "Parents raised funds for classroom books after school budget cuts left teachers short for pupils."},
	},
}

// saveTopics saves every topic's articles a day apart, round robin, through
// save, and returns each article's topic by ID.
func saveTopics(t *testing.T, st *store.Store, save func(*news.Article) error) (fixture, map[int64]string) {
	t.Helper()
	clock := dbtest.SetClock(st, t0)
	f := newFixture(t, st)
	topicOf := map[int64]string{}
	for i := 0; i < 5; i++ {
		for _, topic := range []string{"docks", "floods", "schools"} {
			s := relatedTopics[topic][i]
			a := article(s.headline, f.world, f.ana)
			a.Body = blocks.Document{blocks.P(blocks.T(s.body))}
			if err := save(a); err != nil {
				t.Fatal(err)
			}
			topicOf[a.ID] = topic
			clock.Advance(24 * time.Hour)
		}
	}
	return f, topicOf
}

// checkTopical fails unless every article has at least three related
// articles, all on its own topic.
func checkTopical(t *testing.T, st *store.Store, topicOf map[int64]string) {
	t.Helper()
	for id, topic := range topicOf {
		list, err := st.Related(context.Background(), id, 4)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) < 3 {
			t.Errorf("article %d (%s) has %d related articles, want at least 3", id, topic, len(list))
		}
		for _, r := range list {
			if r.ID == id {
				t.Errorf("article %d is related to itself", id)
			}
			if topicOf[r.ID] != topic {
				t.Errorf("article %d (%s) is related to %q (%s)", id, topic, r.Headline, topicOf[r.ID])
			}
		}
	}
}

func TestRelatedAreTopical(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		_, topicOf := saveTopics(t, st, func(a *news.Article) error { return st.SaveArticle(ctx, a) })
		checkTopical(t, st, topicOf)
	})
}

// An import stores no related articles; the first reader of each page has
// them worked out, and they are as good as after a save.
func TestRelatedWorkedOutOnFirstRead(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		_, topicOf := saveTopics(t, st, func(a *news.Article) error { return st.ImportArticle(ctx, a) })
		checkTopical(t, st, topicOf)
		if err := st.RefreshRelated(ctx); err != nil {
			t.Fatal(err)
		}
		checkTopical(t, st, topicOf)
	})
}

// A new story appears beside the earlier coverage of its topic, and an
// unpublished one leaves it.
func TestRelatedFollowsNewAndUnpublishedStories(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f, topicOf := saveTopics(t, st, func(a *news.Article) error { return st.SaveArticle(ctx, a) })
		var first int64
		for id, topic := range topicOf {
			if topic == "floods" && (first == 0 || id < first) {
				first = id
			}
		}
		latest := article("Flood defences to be raised after river floods", f.world, f.ben)
		latest.Body = blocks.Document{blocks.P(blocks.T("The council will raise the flood defences where the river flooded cellars, after record rainfall and weeks of sandbags."))}
		if err := st.SaveArticle(ctx, latest); err != nil {
			t.Fatal(err)
		}
		if !relatedIDs(t, st, first)[latest.ID] {
			t.Fatalf("the new flood story is not among the related articles of the first")
		}
		latest.Status = news.Unpublished
		if err := st.SaveArticle(ctx, latest); err != nil {
			t.Fatal(err)
		}
		if relatedIDs(t, st, first)[latest.ID] {
			t.Fatalf("the unpublished story is still offered as related")
		}
	})
}

func relatedIDs(t *testing.T, st *store.Store, id int64) map[int64]bool {
	t.Helper()
	list, err := st.Related(context.Background(), id, 8)
	if err != nil {
		t.Fatal(err)
	}
	out := map[int64]bool{}
	for _, r := range list {
		out[r.ID] = true
	}
	return out
}

// With the background worker running (as serve runs it), a first read does
// not wait: it gets nothing at once, the worker works the list out, and the
// store announces the article's key so its cached page is redone.
func TestRelatedWorkedOutInTheBackground(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		_, topicOf := saveTopics(t, st, func(a *news.Article) error { return st.ImportArticle(ctx, a) })
		announced := make(chan int64, 100)
		st.Subscribe(func(keys []string, _ bool) {
			for _, k := range keys {
				var id int64
				if _, err := fmt.Sscanf(k, "article:%d", &id); err == nil {
					announced <- id
				}
			}
		})
		stopped := make(chan struct{})
		go func() { st.RunRelatedWorker(ctx, slog.New(slog.DiscardHandler)); close(stopped) }()
		var id int64
		for id = range topicOf {
			break
		}
		var list []news.Teaser
		for deadline := time.Now().Add(5 * time.Second); ; {
			var err error
			if list, err = st.Related(ctx, id, 4); err != nil {
				t.Fatal(err)
			}
			if len(list) > 0 || time.Now().After(deadline) {
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
		if len(list) < 3 {
			t.Fatalf("the worker gave %d related articles, want at least 3", len(list))
		}
		select {
		case got := <-announced:
			if got != id {
				t.Errorf("announced article:%d, want article:%d", got, id)
			}
		case <-time.After(5 * time.Second):
			t.Error("the worker's list was not announced")
		}
		cancel()
		<-stopped
		checkTopical(t, st, topicOf) // the rest worked out inline, now the worker is gone
	})
}
