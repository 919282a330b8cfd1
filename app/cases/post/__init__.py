"""Letters to post: every letter a case sends to a resident who asked for post (or whom we
cannot email) is kept here, waiting to be printed, until an officer marks it as posted."""
