package admin

import (
	"context"
	"strconv"

	"masthead/internal/store"
)

// The mails the newsroom sends. They are plain text, name the site, and
// say what to do when the reader did not ask for them.

func (a *Admin) inviteMail(ctx context.Context, link, role string) store.Mail {
	site := a.cfg.SiteName(ctx)
	return store.Mail{Subject: "You are invited to the " + site + " newsroom",
		Body: "You are invited to join the " + site + " newsroom as " + role + ".\n\n" +
			"Open this link to choose your name and password; it works once, for " + strconv.Itoa(int(inviteTTL.Hours())) + " hours:\n\n" +
			link + "\n\nIf you did not expect this, ignore this mail.\n"}
}

func (a *Admin) resetMail(ctx context.Context, link string) store.Mail {
	site := a.cfg.SiteName(ctx)
	return store.Mail{Subject: "Set a new password for the " + site + " newsroom",
		Body: "Someone asked to set a new password for your account in the " + site + " newsroom.\n\n" +
			"Open this link to choose a new one; it works once, for one hour:\n\n" + link +
			"\n\nIf it was not you, ignore this mail: your password stays as it is.\n"}
}

// noticeMail tells the owner of an account of a change to its security,
// so a change they did not make does not go unnoticed.
func (a *Admin) noticeMail(ctx context.Context, what string) store.Mail {
	site := a.cfg.SiteName(ctx)
	return store.Mail{Kind: "notice", Subject: "Your " + site + " newsroom account: " + what,
		Body: "This is to tell you that on your account in the " + site + " newsroom: " + what + ".\n\n" +
			"If you did this, there is nothing more to do. If you did not, tell an admin of your newsroom at once, " +
			"and set a new password at " + a.absURL("/admin/forgot") + "\n"}
}
