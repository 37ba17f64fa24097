-- No query reads seen items by feed: the index only cost every insert (about a quarter of inserting a feed's ids).
-- Create it again with the first query that needs it.
DROP INDEX seen_item_feed;
