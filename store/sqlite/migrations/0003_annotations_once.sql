-- Schema 3: annotations are stored once.
--
-- Articles written from now on keep in articles.doc only what no column or table holds
-- (paragraphs and sentences as offsets into the text, removed text, the entities' mentions
-- and references); their entities, quotes and events are read back from those tables.
-- Articles already stored keep their whole-article doc, which is read as before.
--
-- The mentions table, a copy of the mentions in every doc, is dropped: nothing queried it
-- but a count, which entities.mentions (the number of name mentions) gives as well.
DROP TABLE mentions;
