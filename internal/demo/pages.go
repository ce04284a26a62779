package demo

import (
	"time"

	"masthead/internal/blocks"
	"masthead/internal/news"
)

// Pages returns the paper's static pages: about us, the corrections policy,
// contact details and the ethics code.
func (g *Generator) Pages() []news.Page {
	updated := g.now.AddDate(0, 0, -30).Truncate(time.Hour)
	return []news.Page{
		{Slug: "about", Title: "About us", UpdatedAt: updated, Body: blocks.Document{
			blocks.P(blocks.T("The Harbour Courier has reported on Saltmere and the Aske estuary since 1868, when it was founded as a weekly shipping list for merchants on the quay. Today it is an independent daily news site, owned by a trust whose only purpose is to keep it independent.")),
			blocks.P(blocks.T("We cover the city’s council and its courts, its schools and hospitals, its businesses and its arts, and the sport that fills its weekends. Our "), blocks.B("world"), blocks.T(" pages follow the northern seas, because what happens in their ports and parliaments happens, sooner or later, here.")),
			blocks.Heading(2, "Who we are"),
			blocks.P(blocks.T("The newsroom has fourteen journalists, two photographers and a small team who look after the site and our readers. Most of us live in the city; all of us work in it, in the old sail loft on Wharf Street.")),
			blocks.P(blocks.T("We are paid for by our readers’ subscriptions and donations, and by advertising that is always labelled as such. No advertiser, owner or public body sees a story before it is published.")),
			blocks.Heading(2, "What we believe"),
			blocks.List(false,
				[]blocks.Inline{blocks.B("Local news matters."), blocks.T(" Decisions made in a council chamber shape lives as much as those made anywhere else.")},
				[]blocks.Inline{blocks.B("Accuracy comes first."), blocks.T(" We would rather be right than first, and when we are wrong we say so.")},
				[]blocks.Inline{blocks.B("Everyone deserves a hearing."), blocks.T(" We seek out the people our stories are about, and we give them a fair chance to respond.")},
			),
			blocks.P(blocks.T("Read our "), blocks.L("ethics and standards", "https://courier.example/ethics"), blocks.T(" and our "), blocks.L("corrections policy", "https://courier.example/corrections"), blocks.T(" to see how we hold ourselves to that.")),
		}},
		{Slug: "corrections", Title: "Corrections policy", UpdatedAt: updated, Body: blocks.Document{
			blocks.P(blocks.T("We make mistakes. When we do, we correct them promptly and in the open.")),
			blocks.Heading(2, "How we correct"),
			blocks.P(blocks.T("A correction is added to the foot of the article it concerns, with the date and time it was made, and says what was wrong and what is right. We do not quietly change facts in an article and pretend they were always there.")),
			blocks.P(blocks.T("If a change adds new information rather than fixing an error, we call it an "), blocks.I("update"), blocks.T(" and date it in the same way.")),
			blocks.P(blocks.T("When an error is serious — when it could harm someone’s reputation, safety or livelihood — we also publish the correction on our home page for at least a day.")),
			blocks.Heading(2, "Removing articles"),
			blocks.P(blocks.T("We very rarely remove an article. When we do, for legal reasons or to protect someone at risk, its address stays in place and explains that the article has been withdrawn.")),
			blocks.FactBox("Spotted an error?",
				blocks.P(blocks.T("Write to "), blocks.L("corrections@courier.example", "mailto:corrections@courier.example"), blocks.T(" with a link to the article and what you think is wrong. An editor reads every message, and we aim to reply within two working days.")),
			),
		}},
		{Slug: "contact", Title: "Contact", UpdatedAt: updated, Body: blocks.Document{
			blocks.P(blocks.T("We want to hear from you, whether you have a story, a complaint or a question.")),
			blocks.Heading(2, "News tips"),
			blocks.P(blocks.T("Email "), blocks.L("newsdesk@courier.example", "mailto:newsdesk@courier.example"), blocks.T(" or call the newsdesk on 01632 960 418 between 8am and 10pm. If you need to contact us confidentially, say so in your first message and an editor will explain how we protect sources.")),
			blocks.Heading(2, "Letters"),
			blocks.P(blocks.T("Letters for publication should be under 250 words and include your name and the area of Saltmere where you live. Send them to "), blocks.L("letters@courier.example", "mailto:letters@courier.example"), blocks.T(".")),
			blocks.Heading(2, "Subscriptions and accounts"),
			blocks.P(blocks.T("For help with a subscription or a donation, write to "), blocks.L("readers@courier.example", "mailto:readers@courier.example"), blocks.T(". We answer between 9am and 5pm on weekdays.")),
			blocks.Heading(2, "By post"),
			blocks.P(blocks.T("The Harbour Courier, The Sail Loft, 14 Wharf Street, Saltmere.")),
		}},
		{Slug: "ethics", Title: "Ethics and standards", UpdatedAt: updated, Body: blocks.Document{
			blocks.P(blocks.T("Our journalists follow a written code, which we publish here in brief. It applies to everything we publish, in every format.")),
			blocks.Heading(2, "Accuracy and fairness"),
			blocks.P(blocks.T("We check facts before we publish them, and we distinguish clearly between reporting, analysis and opinion. Columns are labelled as opinion and never presented as news.")),
			blocks.P(blocks.T("We give people who are criticised in a story a fair opportunity to respond before publication, and we report their response or say that they did not give one.")),
			blocks.Heading(2, "Independence"),
			blocks.P(blocks.T("Our journalists do not accept gifts, free travel or payment from people they write about. Tickets for reviews are declared, and critics pay for their own drinks.")),
			blocks.P(blocks.T("Staff must declare any interest — financial, political or personal — that could reasonably be thought to affect their work, and they do not report on matters where such an interest exists.")),
			blocks.Heading(2, "Sources and privacy"),
			blocks.List(false,
				[]blocks.Inline{blocks.T("We name our sources wherever we can, and explain why when we cannot.")},
				[]blocks.Inline{blocks.T("We protect confidential sources, without exception.")},
				[]blocks.Inline{blocks.T("We intrude on private lives only where there is a clear public interest, and we take particular care with children and with people who are grieving.")},
			),
			blocks.Quote("A newspaper that will not admit its mistakes will not be believed about anything else.", "From the Courier’s first editorial code, 1921"),
		}},
	}
}
