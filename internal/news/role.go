package news

// Role is what a member of the newsroom may do. Each role can do everything the
// roles after it can: an admin is also an editor, an editor also an author.
type Role string

const (
	// RoleAdmin manages people, settings and everything an editor does.
	RoleAdmin Role = "admin"
	// RoleEditor publishes anyone's articles and manages sections, tags and
	// authors' profiles.
	RoleEditor Role = "editor"
	// RoleAuthor writes and publishes their own articles.
	RoleAuthor Role = "author"
	// RoleContributor writes and submits articles for review; never publishes.
	RoleContributor Role = "contributor"
)

// Roles lists the roles from the most to the least powerful.
var Roles = []Role{RoleAdmin, RoleEditor, RoleAuthor, RoleContributor}

func (r Role) rank() int {
	for i, x := range Roles {
		if x == r {
			return len(Roles) - i
		}
	}
	return 0
}

// Valid reports whether r is one of the four roles.
func (r Role) Valid() bool { return r.rank() > 0 }

// AtLeast reports whether r may do what min may do.
func (r Role) AtLeast(min Role) bool { return r.Valid() && r.rank() >= min.rank() }
