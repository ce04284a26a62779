package news

import "testing"

// TestKeyRoleAndScopes: the one table from a key's scopes to the role it
// acts with, and which scopes hold which.
func TestKeyRoleAndScopes(t *testing.T) {
	for _, c := range []struct {
		scopes []Scope
		role   Role
	}{
		{[]Scope{ScopeContentRead}, RoleContributor},
		{[]Scope{ScopeMediaWrite}, RoleContributor},
		{[]Scope{ScopeArticlesWrite}, RoleContributor},
		{[]Scope{ScopeArticlesWrite, ScopeArticlesPublish}, RoleEditor},
		{[]Scope{ScopeContentRead, ScopeAdmin}, RoleAdmin},
	} {
		if got := KeyRole(c.scopes); got != c.role {
			t.Errorf("KeyRole(%v) = %s, want %s", c.scopes, got, c.role)
		}
	}
	// A contributor-like key never publishes; a publishing key does, through
	// the same rule table as people.
	if Allowed(KeyRole([]Scope{ScopeArticlesWrite}), true, ActPublish, StageDraft) {
		t.Error("articles:write may publish")
	}
	if !Allowed(KeyRole([]Scope{ScopeArticlesPublish}), false, ActPublish, StageSubmitted) {
		t.Error("articles:publish may not publish someone's submitted story")
	}
	for _, c := range []struct {
		have []Scope
		need Scope
		ok   bool
	}{
		{[]Scope{ScopeAdmin}, ScopeMediaWrite, true},
		{[]Scope{ScopeArticlesPublish}, ScopeArticlesWrite, true},
		{[]Scope{ScopeArticlesWrite}, ScopeArticlesPublish, false},
		{[]Scope{ScopeArticlesWrite}, ScopeMediaWrite, false},
		{[]Scope{ScopeContentRead}, ScopeArticlesWrite, false},
	} {
		if got := HasScope(c.have, c.need); got != c.ok {
			t.Errorf("HasScope(%v, %s) = %v", c.have, c.need, got)
		}
	}
	if s, err := ParseScopes([]string{"admin content:read", "admin"}); err != nil || len(s) != 2 || s[0] != ScopeContentRead {
		t.Errorf("ParseScopes: %v %v", s, err)
	}
	for _, bad := range [][]string{nil, {""}, {"everything"}} {
		if _, err := ParseScopes(bad); ErrorCode(err) != EINVALID {
			t.Errorf("ParseScopes(%q): %v, want a field error", bad, err)
		}
	}
}
