/* The versions: part of lontar.yml. */
#include "load/config.h"

#include <string.h>

static void read_labels(lt_versions_config *v, const lt_yaml *labels, const char *path, lt_diag *d)
{
    if (labels->kind != LT_YAML_MAP) {
        lt_error(d, path, labels->line, labels->col,
                 "'versions.labels' must map version names to labels");
        return;
    }
    for (size_t i = 0; i < labels->n; i++)
        lt_yaml_expect(labels->items[i], LT_YAML_SCALAR, path, "a label", d);
    v->labels = labels;
}

void lt_config_read_versions(lt_config *out, const lt_yaml *node, lt_arena *a, const char *path,
                             lt_diag *d)
{
    static const char *keys[] = {"tags", "branches", "labels", "latest", "prerelease", NULL};
    lt_versions_config *v = &out->versions;
    if (node->kind != LT_YAML_MAP) {
        lt_error(d, path, node->line, node->col,
                 "'versions' must be a mapping (tags, branches, labels, latest, prerelease)");
        return;
    }
    v->enabled = 1;
    lt_config_check_keys(node, keys, "versions", path, d);
    lt_config_get_strings(node, "tags", &v->tags, a, path, d);
    lt_config_get_strings(node, "branches", &v->branches, a, path, d);
    const lt_yaml *pre = lt_yaml_get(node, "prerelease");
    if (pre) {
        v->has_prerelease = 1;
        lt_config_get_strings(node, "prerelease", &v->prerelease, a, path, d);
    }
    const lt_yaml *latest = lt_yaml_get(node, "latest");
    if (latest && !lt_yaml_is_null(latest)) {
        if (latest->kind != LT_YAML_SCALAR)
            lt_error(d, path, latest->line, latest->col,
                     "'versions.latest' must be a version name");
        else
            v->latest = latest->str;
    }
    const lt_yaml *labels = lt_yaml_get(node, "labels");
    if (labels && !lt_yaml_is_null(labels))
        read_labels(v, labels, path, d);
    if (!v->tags.n && !v->branches.n)
        lt_error(d, path, node->line, node->col,
                 "'versions' selects nothing: give 'tags' or 'branches' patterns");
}

const char *lt_config_version_label(const lt_config *c, const char *name)
{
    const lt_yaml *l = c->versions.labels ? lt_yaml_get(c->versions.labels, name) : NULL;
    return l && l->kind == LT_YAML_SCALAR ? l->str : name;
}
