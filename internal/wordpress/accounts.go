package wordpress

import (
	"context"
	"fmt"
	"time"

	"masthead/internal/auth"
	"masthead/internal/news"
	"masthead/internal/store"
)

// Invitation is a sign-in invitation made for an imported author.
type Invitation struct {
	Email string
	Link  string // the path of the one-time link, under the site's address
}

// Invite invites every imported author with an e-mail address, and no
// account yet, to make an account with the role: a one-time link valid
// 72 hours, as from the People page, from the first admin. No password is
// made. The links are added to the report, to be passed on.
func Invite(ctx context.Context, st *store.Store, r *Report, role string) error {
	users, err := st.Users(ctx)
	if err != nil {
		return err
	}
	var by int64
	for _, u := range users {
		if u.Role == news.RoleAdmin {
			by = u.ID
			break
		}
	}
	if by == 0 {
		return fmt.Errorf("--accounts: the site has no admin account to send invitations from; add one with `masthead user add --role admin` first")
	}
	for _, a := range r.authors {
		if a.Email == "" {
			continue
		}
		token := auth.NewToken()
		err := st.CreateInvite(ctx, auth.TokenHash(token), a.Email, news.Role(role), by, 72*time.Hour)
		if news.ErrorCode(err) == news.ECONFLICT {
			r.note("author", 0, a.Name, "has an account already: not invited")
			continue
		}
		if err != nil {
			return err
		}
		r.Invitations = append(r.Invitations, Invitation{Email: a.Email, Link: "/admin/invite/" + token})
	}
	return nil
}
