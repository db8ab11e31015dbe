#ifndef DOMAIN_MATCH_H
#define DOMAIN_MATCH_H
/*
 * NAME
 *	domain_match 3h
 * SUMMARY
 *	host and domain name patterns of stock's lists
 * DESCRIPTION
 *	domain_pattern_match() tells whether name matches pattern, case
 *	insensitively: an exact name; ".example.com" matches names below
 *	example.com; with parent (the feature is named in
 *	parent_domain_matches_subdomains) "example.com" matches names below
 *	it too. Pure.
 */
#include <stdbool.h>

bool    domain_pattern_match(const char *pattern, const char *name, bool parent);

#endif
