/* The competency framework as a 1EdTech CASE 1.1 CFPackage (JSON), for
 * import into CASE registries and learning platforms.
 *
 * Identifiers are UUIDv5 in the namespace uuid5(NAMESPACE_URL, base), so they
 * stay the same from build to build and differ between sites. The names are:
 *   "document"                       the CFDocument
 *   "<competency id>"                a CFItem, e.g. "TG01"
 *   "module:<module id>"             a module, as an association's origin
 *   "isChildOf:<child>:<parent>"     hierarchy; a root's parent is "document"
 *   "isRelatedTo:<module>:<comp.>"   coverage
 *   "depth:<I|R|M|A>"                a CFAssociationGrouping
 * (so a competency may not be called "document"). Every uri is `base`
 * joined with "case/<identifier>"; they name things and need not resolve.
 *
 * Mapping:
 * - CFDocument: title = site title, creator, caseVersion "1.1".
 * - CFItems, in framework order: fullStatement = title, humanCodingScheme =
 *   id, CFItemType "Unit" for roots, "Kompetensi" for leaves below them and
 *   "Elemen" in between (U1 > U1-MIKRO > TG01 and U2 > KD1 both end in a
 *   Kompetensi), conceptKeywords = domain and scope when given, notes =
 *   description when given. Indicators are not exported.
 * - CFAssociations: first isChildOf (child → parent, roots → the document,
 *   which is how CASE expresses the tree) in framework order, with
 *   sequenceNumber = position among siblings; then isRelatedTo from each
 *   module to each competency it covers, modules in reading order. A given
 *   depth puts the association in the CFAssociationGrouping "I: introduced",
 *   "R: reinforced", "M: mastered" or "A: assessed" (CFAssociationGroupingURI);
 *   the groupings used are listed under CFDefinitions.
 *
 * As CASE 1.1 defines the package types, the document inside a package has
 * no CFPackageURI and its items and associations have no CFDocumentURI
 * (CASE 1.0 exporters wrote them; strict 1.1 validators reject them).
 *
 * Output: UTF-8 JSON, 2-space indent, ending in a newline; the same input
 * gives the same bytes. */
#ifndef LT_RENDER_CASE_EXPORT_H
#define LT_RENDER_CASE_EXPORT_H

#include "model/curriculum.h"

/* Returns malloc'd JSON that the caller frees, or NULL when an argument is
 * missing or invalid. base: the site's base_url or a configured namespace
 * URI, absolute and not empty; it is used as given, so "https://x.org" and
 * "https://x.org/" give different identifiers. date: the lastChangeDateTime
 * of everything, ISO 8601 "YYYY-MM-DDThh:mm:ss[.fff](Z|±hh:mm)", or a bare
 * "YYYY-MM-DD", taken as midnight UTC. */
char *lt_case_export(const lt_curriculum *c, const char *site_title, const char *creator,
                     const char *base, const char *date);

#endif
