from wijkplatform.core.testing.leakwalk import sample


@sample
def search_documents(wijk, marker, author):
    """A document in wijk A; the search page of wijk B has no arguments and must never show it."""
    from wijkplatform.search.services import index_document

    index_document(wijk=wijk, obj=wijk, kind="post", title=marker, body=marker, url=f"/{wijk.slug}/")
    return {}
