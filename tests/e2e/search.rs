//! Search on the built default site: a Russian word typed by keyboard, and an inflected
//! Bulgarian word arriving in a sent link, each finding the clauses it should.

use fantoccini::Locator;

use crate::harness::*;
use crate::with_site;

/// The results' titles and links, in order.
async fn results(c: &fantoccini::Client) -> Step<Vec<(String, String)>> {
    let mut out = Vec::new();
    for a in c
        .find_all(Locator::Css(".search-results a"))
        .await
        .map_err(fail("results"))?
    {
        let title = a.text().await.map_err(fail("title"))?;
        let href = a
            .attr("href")
            .await
            .map_err(fail("href"))?
            .unwrap_or_default();
        out.push((title, href));
    }
    Ok(out)
}

#[test]
fn a_russian_word_typed_and_an_inflected_bulgarian_word_find_their_clauses() {
    with_site(|c, base| {
        Box::pin(async move {
            c.goto(&format!("{base}/ru/index.html"))
                .await
                .map_err(fail("the Russian home"))?;
            // The header's search link, then the query typed by keyboard.
            c.find(Locator::Css(".search-link"))
                .await
                .map_err(fail("the search link"))?
                .click()
                .await
                .map_err(fail("follow it"))?;
            // The page's own form until the app takes the mount over with its live one
            // (which alone has the status line): type into the live one.
            wait_for(c, "#search-status").await?;
            // The page's list of every page shows until there is a query.
            let list = wait_for(c, "#all-pages").await?;
            if !list.is_displayed().await.map_err(fail("the list"))? {
                return Err("the list of every page is hidden before a query".into());
            }
            let input = wait_for(c, "#search-q").await?;
            input.click().await.map_err(fail("focus"))?;
            press(c, "перевозка алматы").await?;
            wait_for(c, ".search-results a").await?;
            if list.is_displayed().await.map_err(fail("the list"))? {
                return Err("the list of every page still shows under the results".into());
            }
            let found = results(c).await?;
            if !found
                .iter()
                .any(|(_, href)| href.contains("comportal/services/index.html#transport-almaty"))
            {
                return Err(format!("no transport clause in {found:?}"));
            }
            let url = c.current_url().await.map_err(fail("url"))?.to_string();
            if !url.contains("?q=") {
                return Err(format!("the query is not in the URL: {url}"));
            }

            c.goto(&format!("{base}/bg/search/index.html?q=гаранционно"))
                .await
                .map_err(fail("the Bulgarian search"))?;
            wait_for(c, ".search-results a").await?;
            let inflected = results(c).await?;
            c.goto(&format!("{base}/bg/search/index.html?q=гаранцията"))
                .await
                .map_err(fail("another form"))?;
            wait_for(c, ".search-results a").await?;
            let other = results(c).await?;
            if inflected != other || inflected.is_empty() {
                return Err(format!("{inflected:?} vs {other:?}"));
            }
            if !inflected
                .iter()
                .any(|(t, _)| t.contains("Общи условия за гаранционно обслужване"))
            {
                return Err(format!("no general terms in {inflected:?}"));
            }
            Ok(())
        })
    });
}
