/*
 * NAME
 *	attr_cleanup 3
 * SUMMARY
 *	attribute schemas of the cleanup conversation
 * DESCRIPTION
 *	The lists a receiving daemon and cleanup(8) exchange on the wire,
 *	as stock 3.7 sends them (spec/requests.md). Drivers decode cleanup's
 *	answers with these and encode the flags request to match.
 */
#include "attr.h"

const ATTR_SPEC attr_cleanup_open_reply[] = {
    {ATTR_NAME_PROTOCOL, ATTR_TYPE_STR, ATTR_FLAG_REQUIRED, ATTR_PROTO_CLEANUP},
    {ATTR_NAME_QUEUE_ID, ATTR_TYPE_STR, ATTR_FLAG_REQUIRED, 0},
    {0, ATTR_TYPE_END, 0, 0},
};

const ATTR_SPEC attr_cleanup_open_request[] = {
    {ATTR_NAME_FLAGS, ATTR_TYPE_INT, ATTR_FLAG_REQUIRED, 0},
    {0, ATTR_TYPE_END, 0, 0},
};

const ATTR_SPEC attr_cleanup_close_reply[] = {
    {ATTR_NAME_STATUS, ATTR_TYPE_INT, ATTR_FLAG_REQUIRED, 0},
    {ATTR_NAME_REASON, ATTR_TYPE_STR, ATTR_FLAG_REQUIRED, 0},
    {0, ATTR_TYPE_END, 0, 0},
};
