#include "model/locate.h"

/* Placeholder until the article/item locator lands: no locations yet. */
void ck_document_locate(ck_document *doc)
{
    (void)doc;
}
