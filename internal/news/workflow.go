package news

// Action is something done to an article in the newsroom.
type Action string

// The newsroom's actions on an article. Their names are the ones the editor
// receives in an article document's "actions".
const (
	ActView       Action = "view"       // open it in the editor, read it through the API
	ActEdit       Action = "save"       // save changes (to a live article, as a pending version)
	ActSubmit     Action = "submit"     // send a draft for review
	ActPublish    Action = "publish"    // make it public now
	ActSchedule   Action = "schedule"   // have it (or its pending changes) go public at a time
	ActUnschedule Action = "unschedule" // call off a scheduled publication or update
	ActUpdate     Action = "update"     // make pending changes to a live article live
	ActDiscard    Action = "discard"    // drop pending changes
	ActUnpublish  Action = "unpublish"  // take a published article down
	ActNote       Action = "note"       // add a correction or an update
	ActRestore    Action = "restore"    // bring an old revision's words back
	ActPreview    Action = "preview"    // see it as its page will look
	ActRevisions  Action = "revisions"  // list and compare its revisions
)

// ActPin puts a published article on a front (the home page or a section's)
// and arranges the fronts and the menu. It is no action of the article
// editor, so it is not in Actions: the Fronts screen asks it.
const ActPin Action = "pin"

// Actions lists every action, in the order the editor offers them.
var Actions = []Action{ActView, ActEdit, ActSubmit, ActPublish, ActSchedule, ActUnschedule, ActUpdate,
	ActDiscard, ActUnpublish, ActNote, ActRestore, ActPreview, ActRevisions}

// Stage is where an article stands in the newsroom: its public status and,
// beside it, whether it waits for review, is scheduled, or has changes not
// yet live.
type Stage string

// The stages of an article.
const (
	StageDraft       Stage = "draft"
	StageSubmitted   Stage = "submitted"
	StageScheduled   Stage = "scheduled"
	StagePublished   Stage = "published"
	StagePending     Stage = "pending" // published, with saved changes not yet live
	StageUnpublished Stage = "unpublished"
)

// Stages lists every stage.
var Stages = []Stage{StageDraft, StageSubmitted, StageScheduled, StagePublished, StagePending, StageUnpublished}

// Live reports whether readers see the article (or will at a set time, with
// no further approval): edits to it are staged as a pending version.
func (s Stage) Live() bool {
	return s == StageScheduled || s == StagePublished || s == StagePending
}

// who is a column of the rule table: a role, on its own articles or on
// other people's.
type who struct {
	role Role
	own  bool
}

// stages is a set of stages.
type stages map[Stage]bool

func set(list ...Stage) stages {
	m := stages{}
	for _, s := range list {
		m[s] = true
	}
	return m
}

var (
	anyStage    = set(Stages...)
	draftStage  = set(StageDraft)
	liveStage   = set(StagePublished, StagePending)
	publishable = set(StageDraft, StageSubmitted, StageScheduled, StagePending, StageUnpublished)
	staged      = set(StageScheduled, StagePending)
)

// publisher is what an editor may do to anyone's article and an author to
// their own: everything but what only the review step needs.
var publisher = map[Action]stages{
	ActView: anyStage, ActPreview: anyStage, ActRevisions: anyStage,
	ActEdit: anyStage, ActRestore: anyStage,
	ActSubmit:     draftStage,
	ActPublish:    publishable,
	ActSchedule:   set(StageDraft, StageSubmitted, StageScheduled, StagePending, StageUnpublished),
	ActUnschedule: staged,
	ActUpdate:     staged,
	ActDiscard:    staged,
	ActUnpublish:  liveStage,
	ActNote:       liveStage,
}

// editor is what editors and admins may do: what a publisher may, and
// choose what the fronts show, from the live articles only.
var editor = func() map[Action]stages {
	m := map[Action]stages{ActPin: liveStage}
	for act, st := range publisher {
		m[act] = st
	}
	return m
}()

// rules is the newsroom's whole rule set: for each role, on its own
// articles and on others', the stages in which each action is allowed.
// Contributors write and submit their own drafts and can no longer change
// them once submitted; authors publish and update their own; editors and
// admins do anything to anyone's. Everyone but a contributor may read
// anyone's article.
var rules = map[who]map[Action]stages{
	{RoleAdmin, true}: editor, {RoleAdmin, false}: editor,
	{RoleEditor, true}: editor, {RoleEditor, false}: editor,
	{RoleAuthor, true}: publisher,
	{RoleAuthor, false}: {
		ActView: anyStage, ActPreview: anyStage, ActRevisions: anyStage,
	},
	{RoleContributor, true}: {
		ActView: anyStage, ActPreview: anyStage, ActRevisions: anyStage,
		ActEdit: draftStage, ActRestore: draftStage, ActSubmit: draftStage,
	},
	{RoleContributor, false}: {},
}

// Allowed reports whether someone of role may do action to an article in
// stage; own says whether the article is theirs (they made it or are on its
// byline). Every newsroom handler, the scheduler and the API ask it.
func Allowed(role Role, own bool, action Action, stage Stage) bool {
	return rules[who{role, own}][action][stage]
}

// AllowedActions lists what someone may do to an article in stage now, in
// the order of Actions, leaving out view.
func AllowedActions(role Role, own bool, stage Stage) []Action {
	out := []Action{}
	for _, act := range Actions {
		if act != ActView && Allowed(role, own, act, stage) {
			out = append(out, act)
		}
	}
	return out
}

// StaffAction is something done in the newsroom that concerns no article:
// running the newsroom itself.
type StaffAction string

// The newsroom's actions beside those on articles.
const (
	ActManagePeople StaffAction = "manage people"     // roles, deactivation, invitations, byline links
	ActReadMailLog  StaffAction = "read the mail log" // what was mailed to whom, and what failed
)

// staffRules is the least role that may do each staff action.
var staffRules = map[StaffAction]Role{
	ActManagePeople: RoleAdmin,
	ActReadMailLog:  RoleAdmin,
}

// MinRole returns the least role allowed to do act; an unknown action
// needs an admin.
func MinRole(act StaffAction) Role {
	if r, ok := staffRules[act]; ok {
		return r
	}
	return RoleAdmin
}

// AllowedStaff reports whether someone of role may do act.
func AllowedStaff(role Role, act StaffAction) bool { return role.AtLeast(MinRole(act)) }
