package news

// Action is something done to an article in the newsroom.
type Action string

// The newsroom's actions on an article.
const (
	ActEdit      Action = "edit"      // save changes to a draft or a submitted article
	ActSubmit    Action = "submit"    // send a draft for review
	ActPublish   Action = "publish"   // publish now, or schedule
	ActUpdate    Action = "update"    // save changes to a published article
	ActUnpublish Action = "unpublish" // take a published article down
	ActNote      Action = "note"      // add a correction or an update
)

// Can reports whether someone of role may do action to an article; own says
// whether the article is theirs (they made it or are on its byline).
// Contributors write and submit their own drafts; authors also publish,
// update and unpublish their own; editors and admins do anything to anyone's.
func Can(role Role, own bool, action Action) bool {
	switch {
	case role.AtLeast(RoleEditor):
		return true
	case role == RoleAuthor:
		return own
	case role == RoleContributor:
		return own && (action == ActEdit || action == ActSubmit)
	}
	return false
}
