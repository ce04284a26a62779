package news

import (
	"slices"
	"strings"
	"testing"
)

// TestRuleTable checks every role × action × stage × own against the
// workflow as the newsroom describes it, written out in full.
func TestRuleTable(t *testing.T) {
	publisher := map[Stage]string{
		StageDraft:       "view save submit publish schedule restore preview revisions",
		StageSubmitted:   "view save publish schedule restore preview revisions",
		StageScheduled:   "view save publish schedule unschedule update discard restore preview revisions",
		StagePublished:   "view save unpublish note restore preview revisions",
		StagePending:     "view save publish schedule unschedule update discard unpublish note restore preview revisions",
		StageUnpublished: "view save publish schedule restore preview revisions",
	}
	readOnly := map[Stage]string{}
	for _, s := range Stages {
		readOnly[s] = "view preview revisions"
	}
	contributorOwn := map[Stage]string{}
	for _, s := range Stages {
		contributorOwn[s] = "view preview revisions"
	}
	contributorOwn[StageDraft] = "view save submit restore preview revisions"
	for _, c := range []struct {
		role Role
		own  bool
		want map[Stage]string
	}{
		{RoleAdmin, true, publisher},
		{RoleAdmin, false, publisher},
		{RoleEditor, true, publisher},
		{RoleEditor, false, publisher},
		{RoleAuthor, true, publisher},
		{RoleAuthor, false, readOnly},
		{RoleContributor, true, contributorOwn},
		{RoleContributor, false, nil},
		{Role("intern"), true, nil},
	} {
		for _, stage := range Stages {
			want := strings.Fields(c.want[stage])
			for _, act := range Actions {
				if got := Allowed(c.role, c.own, act, stage); got != slices.Contains(want, string(act)) {
					t.Errorf("Allowed(%s, own=%v, %s, %s) = %v", c.role, c.own, act, stage, got)
				}
			}
			got := AllowedActions(c.role, c.own, stage)
			if n := len(want); n > 0 && want[0] == "view" {
				want = want[1:]
			}
			if strings.Join(asStrings(got), " ") != strings.Join(want, " ") {
				t.Errorf("AllowedActions(%s, own=%v, %s) = %v, want %v", c.role, c.own, stage, got, want)
			}
		}
	}
}

func asStrings(acts []Action) []string {
	out := make([]string, len(acts))
	for i, a := range acts {
		out[i] = string(a)
	}
	return out
}

// TestLiveStages: edits are staged exactly where readers see the article or
// will without another approval.
func TestLiveStages(t *testing.T) {
	for _, s := range Stages {
		want := s == StageScheduled || s == StagePublished || s == StagePending
		if s.Live() != want {
			t.Errorf("%s.Live() = %v", s, !want)
		}
	}
}

// TestOnlyEditorsPin: the fronts are the editors' (and admins') to choose,
// and only from what readers can see.
func TestOnlyEditorsPin(t *testing.T) {
	for _, role := range append(slices.Clone(Roles), Role("intern")) {
		for _, own := range []bool{true, false} {
			for _, stage := range Stages {
				want := (role == RoleEditor || role == RoleAdmin) && (stage == StagePublished || stage == StagePending)
				if got := Allowed(role, own, ActPin, stage); got != want {
					t.Errorf("Allowed(%s, own=%v, pin, %s) = %v, want %v", role, own, stage, got, want)
				}
			}
		}
	}
}
