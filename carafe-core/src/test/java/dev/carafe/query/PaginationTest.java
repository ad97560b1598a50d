package dev.carafe.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carafe.error.NotFoundException;
import dev.carafe.pagination.PageRequest;
import dev.carafe.pagination.PageSource;
import dev.carafe.pagination.Pagination;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The numeric cases of Flask-SQLAlchemy's test_pagination.py (spec tables T1 and T2), on a range of numbers. */
class PaginationTest {

    /** The spec's RangePagination: the numbers 1..total. */
    static PageSource<Long> range(long total) {
        return new PageSource<>() {
            @Override
            public List<Long> items(long offset, int limit) {
                return LongStream.rangeClosed(offset + 1, Math.min(total, offset + limit)).boxed().toList();
            }

            @Override
            public long count() {
                return total;
            }
        };
    }

    /** Pages a source as db.paginate does in a request whose query string the lookup reads. */
    static <T> Pagination<T> paginated(PageSource<T> source, PageRequest request, Function<String, String> query) {
        return Pagination.of(source, request.resolve(query));
    }

    static Pagination<Long> page(long total, int page) {
        return paginated(range(total), PageRequest.of(page, 10), null);
    }

    static Function<String, String> query(String queryString) {
        Map<String, String> values = new java.util.HashMap<>();
        for (String pair : queryString.split("&")) {
            String[] parts = pair.split("=", 2);
            values.put(parts[0], parts.length > 1 ? parts[1] : "");
        }
        return values::get;
    }

    @Test
    void theFirstPage() {
        Pagination<Long> p = page(150, 1);
        assertThat(p.page()).isEqualTo(1);
        assertThat(p.perPage()).isEqualTo(10);
        assertThat(p.total()).isEqualTo(150);
        assertThat(p.pages()).isEqualTo(15);
        assertThat(p.hasPrev()).isFalse();
        assertThat(p.prevNum()).isNull();
        assertThat(p.hasNext()).isTrue();
        assertThat(p.nextNum()).isEqualTo(2);
    }

    @Test
    void theLastPage() {
        Pagination<Long> p = page(150, 15);
        assertThat(p.hasPrev()).isTrue();
        assertThat(p.prevNum()).isEqualTo(14);
        assertThat(p.hasNext()).isFalse();
        assertThat(p.nextNum()).isNull();
    }

    @Test
    void itemNumbersOfTheFirstPage() {
        Pagination<Long> p = page(150, 1);
        assertThat(p.items()).hasSize(10);
        assertThat(p.first()).isEqualTo(1);
        assertThat(p.last()).isEqualTo(10);
    }

    @Test
    void itemNumbersOfAShortLastPage() {
        Pagination<Long> p = page(145, 15);
        assertThat(p.items()).hasSize(5);
        assertThat(p.first()).isEqualTo(141);
        assertThat(p.last()).isEqualTo(145);
    }

    @Test
    void itemNumbersWithNoItems() {
        Pagination<Long> p = page(0, 1);
        assertThat(p.first()).isZero();
        assertThat(p.last()).isZero();
    }

    @Test
    void noRowsGiveNoPages() {
        Pagination<Long> p = page(0, 1);
        assertThat(p.pages()).isZero();
        assertThat(p.hasPrev()).isFalse();
        assertThat(p.hasNext()).isFalse();
        assertThat(p.iterPages()).isEmpty();
    }

    @Test
    void withoutACountThereIsNoTotalButHasNextStillTellsTheTruth() {
        Pagination<Long> p = paginated(range(25), PageRequest.of(1, 10).count(false), null);
        assertThat(p.total()).isNull();
        assertThat(p.pages()).isZero();
        assertThat(p.items()).hasSize(10);
        assertThat(p.hasNext()).isTrue();
        assertThat(p.nextNum()).isEqualTo(2);
        Pagination<Long> last = paginated(range(25), PageRequest.of(3, 10).count(false), null);
        assertThat(last.items()).containsExactly(21L, 22L, 23L, 24L, 25L);
        assertThat(last.hasNext()).isFalse();
        Pagination<Long> exact = paginated(range(20), PageRequest.of(2, 10).count(false), null);
        assertThat(exact.hasNext()).isFalse();
        assertThat(p.next().hasNext()).isTrue();
        assertThat(p.next().next().hasNext()).isFalse();
    }

    @Test
    void outsideARequestPageAndPerPageDefaultTo1And20() {
        Pagination<Long> p = paginated(range(250), PageRequest.defaults(), null);
        assertThat(p.page()).isEqualTo(1);
        assertThat(p.perPage()).isEqualTo(20);
        assertThat(p.items()).hasSize(20);
        assertThat(p.total()).isEqualTo(250);
        assertThat(p.pages()).isEqualTo(13);
    }

    @Test
    void aRequestWithoutArgumentsGivesTheDefaults() {
        Pagination<Long> p = paginated(range(250), PageRequest.defaults(), name -> null);
        assertThat(p.page()).isEqualTo(1);
        assertThat(p.perPage()).isEqualTo(20);
    }

    @Test
    void theQueryStringGivesPageAndPerPage() {
        Pagination<Long> p = paginated(range(250), PageRequest.defaults(), query("page=2&per_page=10"));
        assertThat(p.page()).isEqualTo(2);
        assertThat(p.perPage()).isEqualTo(10);
        assertThat(p.items()).startsWith(11L);
    }

    @Test
    void explicitArgumentsWinOverTheQueryStringOneByOne() {
        Pagination<Long> p = paginated(range(250), PageRequest.defaults().page(1), query("page=3&per_page=7"));
        assertThat(p.page()).isEqualTo(1);
        assertThat(p.perPage()).isEqualTo(7);
    }

    @Test
    void surroundingSpacesAreTrimmed() {
        assertThat(paginated(range(250), PageRequest.defaults(), query("page= 2 ")).page()).isEqualTo(2);
    }

    @Test
    void perPageIsCappedAtTheMaximum() {
        Pagination<Long> p = paginated(range(250), PageRequest.defaults().maxPerPage(50), query("per_page=100"));
        assertThat(p.perPage()).isEqualTo(50);
    }

    @Test
    void theMaximumDefaultsTo100() {
        Pagination<Long> p = paginated(range(2000), PageRequest.defaults(), query("per_page=1000"));
        assertThat(p.perPage()).isEqualTo(100);
        assertThat(p.maxPerPage()).isEqualTo(100);
    }

    @Test
    void nextKeepsPerPageAndTheMaximum() {
        Pagination<Long> p = paginated(range(500), PageRequest.defaults().maxPerPage(250), query("per_page=110"));
        assertThat(p.page()).isEqualTo(1);
        assertThat(p.perPage()).isEqualTo(110);
        Pagination<Long> next = p.next();
        assertThat(next.page()).isEqualTo(2);
        assertThat(next.perPage()).isEqualTo(110);
        assertThat(next.maxPerPage()).isEqualTo(250);
    }

    @Test
    void prevAndNextKeepTheMaximumAndTheTotal() {
        Pagination<Long> p = paginated(range(500), PageRequest.of(3, 110).maxPerPage(250), null);
        Pagination<Long> prev = p.prev();
        assertThat(prev.page()).isEqualTo(2);
        assertThat(prev.perPage()).isEqualTo(110);
        assertThat(prev.maxPerPage()).isEqualTo(250);
        assertThat(prev.total()).isEqualTo(500);
        Pagination<Long> next = p.next();
        assertThat(next.page()).isEqualTo(4);
        assertThat(next.perPage()).isEqualTo(110);
        assertThat(next.hasNext()).isTrue();
        assertThat(next.pages()).isEqualTo(5);
        assertThat(next.total()).isEqualTo(500);
    }

    @Test
    void prevAndNextDoNotCheckBounds() {
        assertThat(page(150, 15).next().items()).isEmpty();
        assertThatThrownBy(() -> page(150, 15).next(true)).isInstanceOf(NotFoundException.class);
        assertThat(page(150, 1).prev().page()).isEqualTo(1);
        assertThatThrownBy(() -> page(150, 1).prev(true)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void paginationOverAViewOf150Rows() {
        Pagination<Long> p = paginated(range(150), PageRequest.defaults(), name -> null);
        assertThat(p.total()).isEqualTo(150);
        assertThat(p.items()).hasSize(20);
        Pagination<Long> next = p.next();
        assertThat(next.page()).isEqualTo(2);
        assertThat(next.total()).isEqualTo(150);
    }

    @ParameterizedTest
    @ValueSource(strings = {"page=abc", "per_page=abc", "page=0", "per_page=-1", "page=2.0", "page=-5", "per_page=0",
        "page=99999999999999999999", "per_page=99999999999999999999"})
    void badArgumentsRaise404WithErrorOut(String queryString) {
        assertThatThrownBy(() -> paginated(range(250), PageRequest.defaults(), query(queryString)))
                .isInstanceOf(NotFoundException.class)
                .hasMessage(NotFoundException.DEFAULT_DESCRIPTION);
    }

    @ParameterizedTest
    @CsvSource({"page=abc,1,20", "per_page=abc,1,20", "page=0,1,20", "per_page=-1,1,20", "page=0&per_page=0,1,20",
        "page=99999999999999999999,1,20"})
    void badArgumentsFallBackWithoutErrorOut(String queryString, int page, int perPage) {
        Pagination<Long> p = paginated(range(250), PageRequest.defaults().errorOut(false), query(queryString));
        assertThat(p.page()).isEqualTo(page);
        assertThat(p.perPage()).isEqualTo(perPage);
    }

    @Test
    void aBadPerPageFallsBackToAtMostTheMaximum() {
        Pagination<Long> p = paginated(range(250), PageRequest.defaults().errorOut(false).maxPerPage(10),
                query("page=0&per_page=0"));
        assertThat(p.page()).isEqualTo(1);
        assertThat(p.perPage()).isEqualTo(10);
    }

    @Test
    void anEmptyPageOtherThanTheFirstRaises404() {
        assertThat(paginated(range(0), PageRequest.defaults(), name -> null).items()).isEmpty();
        assertThatThrownBy(() -> paginated(range(0), PageRequest.defaults(), query("page=2")))
                .isInstanceOf(NotFoundException.class);
        Pagination<Long> beyond = paginated(range(250), PageRequest.of(26, 10).errorOut(false), null);
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.page()).isEqualTo(26);
    }

    @Test
    void aPageFarBeyondTheEndIsEmptyNotAnOverflow() {
        Pagination<Long> p = paginated(range(10), PageRequest.of(Integer.MAX_VALUE, 100).errorOut(false), null);
        assertThat(p.items()).isEmpty();
        assertThatThrownBy(() -> paginated(range(10), PageRequest.of(Integer.MAX_VALUE, 100), null))
                .isInstanceOf(NotFoundException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "1;  1, 2, 3, 4, 5, null, 14, 15",
        "2;  1, 2, 3, 4, 5, 6, null, 14, 15",
        "3;  1, 2, 3, 4, 5, 6, 7, null, 14, 15",
        "4;  1, 2, 3, 4, 5, 6, 7, 8, null, 14, 15",
        "5;  1, 2, 3, 4, 5, 6, 7, 8, 9, null, 14, 15",
        "6;  1, 2, null, 4, 5, 6, 7, 8, 9, 10, null, 14, 15",
        "7;  1, 2, null, 5, 6, 7, 8, 9, 10, 11, null, 14, 15",
        "8;  1, 2, null, 6, 7, 8, 9, 10, 11, 12, null, 14, 15",
        "9;  1, 2, null, 7, 8, 9, 10, 11, 12, 13, 14, 15",
        "10; 1, 2, null, 8, 9, 10, 11, 12, 13, 14, 15",
        "11; 1, 2, null, 9, 10, 11, 12, 13, 14, 15",
        "12; 1, 2, null, 10, 11, 12, 13, 14, 15",
        "13; 1, 2, null, 11, 12, 13, 14, 15",
        "14; 1, 2, null, 12, 13, 14, 15",
        "15; 1, 2, null, 13, 14, 15"})
    void iterPagesOf15Pages(int page, String expected) {
        assertThat(page(150, page).iterPages()).isEqualTo(numbers(expected));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void iterPagesOfAShortRangeListsEveryPage(int page) {
        assertThat(page(40, page).iterPages()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void iterPagesOfPage7Of20() {
        assertThat(page(200, 7).iterPages()).isEqualTo(numbers("1, 2, null, 5, 6, 7, 8, 9, 10, 11, null, 19, 20"));
    }

    @Test
    void iterPagesTakesItsFourEdges() {
        assertThat(page(200, 10).iterPages(1, 1, 1, 1)).isEqualTo(numbers("1, null, 9, 10, 11, null, 20"));
        assertThat(page(200, 10).iterPages(0, 0, 0, 0)).isEqualTo(numbers("null, 10, null"));
    }

    @Test
    void iteratingAPaginationIteratesItsItems() {
        assertThat(page(150, 2)).containsExactly(11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L);
    }

    @Test
    void aPaginationSerializesToJsonWithSnakeCaseKeys() throws Exception {
        String json = new ObjectMapper().writeValueAsString(paginated(range(25), PageRequest.of(2, 10), null));
        assertThat(json).isEqualTo("{\"items\":[11,12,13,14,15,16,17,18,19,20],\"page\":2,\"per_page\":10,"
                + "\"total\":25,\"pages\":3,\"has_next\":true,\"has_prev\":true,\"next_num\":3,\"prev_num\":1}");
    }

    /** A view of a number, as a JSON endpoint sends a view of a model. */
    record NumberView(long value, String parity) {
        static NumberView of(Long number) {
            return new NumberView(number, number % 2 == 0 ? "even" : "odd");
        }
    }

    @Test
    void aMappedPageKeepsEveryPropertyOfThePage() {
        Pagination<Long> numbers = paginated(range(145), PageRequest.of(3, 10).maxPerPage(50), null);
        Pagination<NumberView> views = numbers.map(NumberView::of);
        assertThat(views.items()).extracting(NumberView::value).containsExactly(21L, 22L, 23L, 24L, 25L, 26L, 27L, 28L,
                29L, 30L);
        assertThat(views.items().get(0)).isEqualTo(new NumberView(21, "odd"));
        assertThat(views.page()).isEqualTo(3);
        assertThat(views.perPage()).isEqualTo(10);
        assertThat(views.maxPerPage()).isEqualTo(50);
        assertThat(views.total()).isEqualTo(145);
        assertThat(views.pages()).isEqualTo(15);
        assertThat(views.first()).isEqualTo(21);
        assertThat(views.last()).isEqualTo(30);
        assertThat(views.hasPrev()).isTrue();
        assertThat(views.prevNum()).isEqualTo(2);
        assertThat(views.hasNext()).isTrue();
        assertThat(views.nextNum()).isEqualTo(4);
        assertThat(views.iterPages()).isEqualTo(numbers.iterPages());
        assertThat(views.toString()).isEqualTo("<Pagination page 3 of 15, 10 items, per_page 10>");
    }

    @Test
    void theNeighboursOfAMappedPageAreMappedToo() {
        Pagination<NumberView> views = page(150, 2).map(NumberView::of);
        Pagination<NumberView> next = views.next();
        assertThat(next.page()).isEqualTo(3);
        assertThat(next.total()).isEqualTo(150);
        assertThat(next.items()).first().isEqualTo(new NumberView(21, "odd"));
        Pagination<NumberView> prev = views.prev();
        assertThat(prev.page()).isEqualTo(1);
        assertThat(prev.items()).first().isEqualTo(new NumberView(1, "odd"));
        assertThat(next.next().items()).first().isEqualTo(new NumberView(31, "odd"));
        assertThatThrownBy(() -> page(150, 15).map(NumberView::of).next(true)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aMappedPageWithoutACountStillKnowsWhetherAPageFollows() {
        Pagination<String> words = paginated(range(25), PageRequest.of(2, 10).count(false), null)
                .map(number -> "n" + number);
        assertThat(words.items()).first().isEqualTo("n11");
        assertThat(words.total()).isNull();
        assertThat(words.hasNext()).isTrue();
        assertThat(words.next().hasNext()).isFalse();
        assertThat(words.next().items()).containsExactly("n21", "n22", "n23", "n24", "n25");
    }

    @Test
    void aMappingMayGiveNullItems() {
        Pagination<String> sparse = page(30, 1).map(number -> number % 3 == 0 ? null : number.toString());
        assertThat(sparse.items()).hasSize(10).containsNull().startsWith("1", "2", null);
        assertThatThrownBy(() -> sparse.items().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aMappedPageOfRecordsSerializesToJsonAsAPageOfModelsDoes() throws Exception {
        Pagination<Long> numbers = paginated(range(25), PageRequest.of(3, 10), null);
        String json = new ObjectMapper().writeValueAsString(numbers.map(NumberView::of));
        assertThat(json).isEqualTo("{\"items\":[{\"value\":21,\"parity\":\"odd\"},{\"value\":22,\"parity\":\"even\"},"
                + "{\"value\":23,\"parity\":\"odd\"},{\"value\":24,\"parity\":\"even\"},{\"value\":25,\"parity\":\"odd\"}],"
                + "\"page\":3,\"per_page\":10,\"total\":25,\"pages\":3,\"has_next\":false,\"has_prev\":true,"
                + "\"next_num\":null,\"prev_num\":2}");
    }

    private static List<Integer> numbers(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim)
                .map(n -> n.equals("null") ? null : Integer.valueOf(n)).toList();
    }
}
