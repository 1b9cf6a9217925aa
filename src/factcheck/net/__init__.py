"""The network side: fetching articles and evidence over HTTP, and remote fact-check services.

``urls`` tells URLs from paths without importing httpx; ``fetch`` owns the one httpx client
factory, retries and decoding; ``extract`` the article text; ``evidence_remote`` the evidence
cache; ``google`` the Fact Check Tools API.
"""
