package news

import "testing"

func TestRoleAtLeast(t *testing.T) {
	cases := []struct {
		r, min Role
		want   bool
	}{
		{RoleAdmin, RoleEditor, true},
		{RoleEditor, RoleEditor, true},
		{RoleAuthor, RoleEditor, false},
		{RoleContributor, RoleAuthor, false},
		{RoleContributor, RoleContributor, true},
		{Role("owner"), RoleContributor, false},
		{Role(""), RoleContributor, false},
	}
	for _, c := range cases {
		if got := c.r.AtLeast(c.min); got != c.want {
			t.Errorf("%q.AtLeast(%q) = %v, want %v", c.r, c.min, got, c.want)
		}
	}
	if Role("owner").Valid() {
		t.Error(`Role("owner") is valid`)
	}
}
