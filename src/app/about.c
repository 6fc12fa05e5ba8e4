/* The About page: what the hub is for. */
#include "app/app.h"

#include "view/page.h"

void page_about(struct request *req)
{
    json_t *paragraphs = json_pack(
        "[s, s, s]",
        _("Since 2020, the Global Diaspora Virtual Exchanges have brought diaspora groups and individuals from every "
          "continent together online, in English, French and Spanish, to share what works and to be heard by the "
          "people who shape policy."),
        _("Each exchange gathers panellists and participants around guiding questions, with a moderated round of "
          "questions and answers. Recordings, summaries of the proposals made and forum topics carry the discussion "
          "on."),
        _("This hub runs that whole programme in one place: events and live exchange rooms, and, step by step, a "
          "forum, a repository of success stories and good practices, a directory for partnerships, surveys and "
          "news."));
    page_render(req, 200, "about",
                json_pack("{s:s, s:o}", "title", _("About this hub"), "paragraphs", paragraphs));
}
