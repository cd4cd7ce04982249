#include "model/curriculum.h"

int lt_competency_gaps(const lt_curriculum *c, const lt_competency *k)
{
    int covered = 0, mastered = 0, assessed = 0;
    for (size_t j = 0; j < c->nmodules; j++)
        for (size_t x = 0; x < c->modules[j]->ncompetencies; x++) {
            const lt_coverage *cv = &c->modules[j]->competencies[x];
            if (cv->target != k)
                continue;
            covered = 1;
            mastered |= cv->depth == LT_DEPTH_M;
            assessed |= cv->depth == LT_DEPTH_A;
        }
    return (!covered ? LT_GAP_UNCOVERED : 0) | (covered && !mastered ? LT_GAP_NOT_MASTERED : 0) |
           (covered && !assessed ? LT_GAP_NOT_ASSESSED : 0);
}
