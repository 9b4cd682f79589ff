from wijkplatform.core.testing.leakwalk import NOT_OBJECT_URLS

# A chart takes a metric code, not an object of a wijk: under another wijk's address it shows that wijk's figures.
NOT_OBJECT_URLS["insights:chart"] = "the argument is a metric code"
