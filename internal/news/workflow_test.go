package news

import "testing"

func TestCan(t *testing.T) {
	all := []Action{ActEdit, ActSubmit, ActPublish, ActUpdate, ActUnpublish, ActNote}
	for _, c := range []struct {
		role    Role
		own     bool
		allowed []Action
	}{
		{RoleAdmin, false, all},
		{RoleEditor, false, all},
		{RoleAuthor, true, all},
		{RoleAuthor, false, nil},
		{RoleContributor, true, []Action{ActEdit, ActSubmit}},
		{RoleContributor, false, nil},
		{Role("intern"), true, nil},
	} {
		for _, act := range all {
			want := false
			for _, a := range c.allowed {
				want = want || a == act
			}
			if got := Can(c.role, c.own, act); got != want {
				t.Errorf("Can(%s, own=%v, %s) = %v, want %v", c.role, c.own, act, got, want)
			}
		}
	}
}
