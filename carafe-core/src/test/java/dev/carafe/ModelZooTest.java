package dev.carafe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.carafe.config.ConfigException;
import dev.carafe.config.EngineOptions;
import dev.carafe.error.NotFoundException;
import dev.carafe.observe.ModelChange;
import dev.carafe.observe.NPlusOneMode;
import dev.carafe.pagination.KeysetPage;
import dev.carafe.pagination.PageRequest;
import dev.carafe.pagination.Pagination;
import dev.carafe.query.InvalidQueryException;
import dev.carafe.session.DbContext;
import dev.carafe.session.IntegrityException;
import dev.carafe.testing.LeakCheck;
import dev.carafe.testing.TestDatabase;
import dev.carafe.testmodels.zoo.BookLine;
import dev.carafe.testmodels.zoo.Library.Book;
import dev.carafe.testmodels.zoo.Library.Genre;
import dev.carafe.testmodels.zoo.Library.Writer;
import dev.carafe.testmodels.zoo.Loan;
import dev.carafe.testmodels.zoo.Media.Dvd;
import dev.carafe.testmodels.zoo.Media.Item;
import dev.carafe.testmodels.zoo.Media.Magazine;
import dev.carafe.testmodels.zoo.Patron;
import dev.carafe.testmodels.zoo.Payments.CardPayment;
import dev.carafe.testmodels.zoo.Payments.Payment;
import dev.carafe.testmodels.zoo.Payments.Receipt;
import dev.carafe.testmodels.zoo.Payments.Stamp;
import dev.carafe.testmodels.zoo.Payments.Ticket;
import dev.carafe.testmodels.zoo.Payments.Visit;
import dev.carafe.testmodels.zoo.Shop;
import dev.carafe.web.ErrorResponse;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Models written the ways users write them (public fields, nested classes, a plain
 * {@code @GeneratedValue}, property access, composite keys, inheritance, element collections, enums,
 * java.time, BigDecimal, UUID, versions, records as results), through every public entry point, on the
 * four databases. Each case here failed, or answered wrong, before Carafe handled that style.
 */
class ModelZooTest {
    private static final String SHELF = "5b0f0d0c-6f1e-4c55-9d2a-3d1c9d0c2a11";

    @TempDir
    Path dir;

    private Carafe open(TestDatabase database, java.util.function.UnaryOperator<Carafe.Builder> tune) {
        database.assumeAvailable();
        List<Class<?>> models = new ArrayList<>(List.of(Writer.class, Book.class, Patron.class, Loan.class, Item.class,
                Dvd.class, Magazine.class, Payment.class, CardPayment.class, Receipt.class, Ticket.class, Visit.class));
        if (database != TestDatabase.SQLITE) models.add(Stamp.class);
        Carafe db = tune.apply(Carafe.builder().databaseUrl(database.url(dir)).instancePath(dir)
                .models(models.toArray(Class<?>[]::new))).build();
        db.dropAll();
        db.createAll();
        return db;
    }

    private Carafe open(TestDatabase database) {
        return open(database, builder -> builder);
    }

    private static void close(Carafe db) {
        try {
            db.dropAll();
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    /** Writes a writer and three books; returns the writer's id. */
    private static long seed(Carafe db) {
        return db.inTransaction(session -> {
            Writer ada = session.add(new Writer("Ada"));
            Book engines = new Book("Engines", ada, "isbn-1");
            engines.price = new BigDecimal("9.99");
            engines.published = LocalDate.of(2024, 5, 31);
            engines.added = Instant.parse("2024-06-01T10:15:30Z");
            engines.inPrint = true;
            engines.genre = Genre.ESSAY;
            engines.shelfCode = UUID.fromString(SHELF);
            engines.tags.addAll(Set.of("math", "history"));
            session.add(engines);
            Book notes = new Book("Notes", ada, "isbn-2");
            notes.genre = Genre.NOVEL;
            notes.published = LocalDate.of(2023, 1, 2);
            session.add(notes);
            Book poems = new Book("Poems", ada, "isbn-3");
            poems.genre = Genre.POETRY;
            poems.published = LocalDate.of(2022, 3, 4);
            session.add(poems);
            return ada.id;
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void publicFieldsReadThroughALazyAssociationHoldTheData(TestDatabase database) throws Exception {
        Carafe db = open(database);
        try {
            long writer = seed(db);
            db.useContext(() -> {
                Book book = db.firstOr404(db.select(Book.class).filterBy("title", "Engines"));
                assertThat(book.writer.name).isEqualTo("Ada");
                assertThat(book.writer.id).isEqualTo(writer);
                assertThat(book.tags).containsExactlyInAnyOrder("math", "history");
            });
            db.useContext(() -> {
                // Reflection reads fields directly, as Jackson does with public fields.
                Book book = db.firstOr404(db.select(Book.class).filterBy("title", "Notes"));
                try {
                    assertThat(Writer.class.getField("name").get(book.writer)).isEqualTo("Ada");
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
                Writer ada = db.getOr404(Writer.class, String.valueOf(writer));
                assertThat(ada.books).extracting(b -> b.title).containsExactlyInAnyOrder("Engines", "Notes", "Poems");
            });
        } finally {
            close(db);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void everyIdStrategyGivesIdsWithOneConnectionInThePool(TestDatabase database) {
        Carafe db = open(database, builder -> builder.engineOptions(EngineOptions.defaults().poolSize(1)
                .poolTimeout(Duration.ofSeconds(5))));
        try {
            db.useTransaction(session -> {
                session.add(new Writer("first"));
                session.add(new Writer("second"));
                session.add(new Receipt("paid"));
                session.add(new Ticket("A1"));
                session.add(new Visit("reading room"));
                if (database != TestDatabase.SQLITE) session.add(new Stamp("penny black"));
                session.flush();
            });
            db.useContext(() -> {
                assertThat(db.query(Writer.class).all()).extracting(w -> w.id).doesNotContainNull().hasSize(2);
                assertThat(db.query(Receipt.class).first().id).isNotNull();
                assertThat(db.query(Ticket.class).first().id).isNotNull();
                assertThat(db.query(Visit.class).first().id).isNotNull();
                if (database != TestDatabase.SQLITE) assertThat(db.query(Stamp.class).first().id).isNotNull();
            });
        } finally {
            close(db);
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void nConcurrentInsertingRequestsOnAPoolOfNNeverWaitOnThemselves(TestDatabase database) throws Exception {
        int requests = 3;
        // A self-deadlock would wait out any pool timeout; a generous one keeps a loaded machine from failing early.
        Carafe db = open(database, builder -> builder.engineOptions(EngineOptions.defaults().poolSize(requests)
                .poolTimeout(Duration.ofSeconds(30))));
        ExecutorService threads = Executors.newFixedThreadPool(requests);
        try {
            CountDownLatch allHoldAConnection = new CountDownLatch(requests);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                int request = i;
                done.add(threads.submit(() -> db.useTransaction(session -> {
                    try {
                        session.add(new Writer("writer " + request));
                        session.flush();
                    } finally {
                        allHoldAConnection.countDown(); // a request that failed must not hide its error behind the others' wait
                    }
                    await(allHoldAConnection);
                    // Every connection of the pool is taken: the table generator's allocation needs another.
                    session.add(new Stamp("stamp " + request));
                    session.add(new Ticket("seat " + request));
                })));
            }
            for (Future<?> request : done) request.get(120, TimeUnit.SECONDS);
            assertThat(db.withContext(() -> db.query(Stamp.class).count())).isEqualTo(requests);
        } finally {
            threads.shutdownNow();
            close(db);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(60, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void sqliteRefusesATableGeneratorWithTheFix() {
        assertThatThrownBy(() -> Carafe.builder().databaseUrl(TestDatabase.SQLITE.url(dir)).models(Stamp.class).build())
                .isInstanceOf(ConfigException.class)
                .hasMessage("Model 'dev.carafe.testmodels.zoo.Payments$Stamp' takes its ids from a table"
                        + " (GenerationType.TABLE), which SQLite cannot serve: the allocation needs a second transaction"
                        + " while the first one holds SQLite's only write lock. Use @GeneratedValue (an autoincrement"
                        + " column on SQLite) or GenerationType.UUID.");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aNestedModelIsNamedAfterItsClass(TestDatabase database) {
        Carafe db = open(database);
        try {
            seed(db);
            assertThat(db.metadata().tables()).extracting(table -> table.name().toLowerCase(java.util.Locale.ROOT))
                    .contains("book", "writer", "book_tags", "item", "payment", "card_payment");
            db.useContext(() -> assertThat(db.session().scalars(
                    db.select("from Book b where b.title = :title", Book.class).param("title", "Poems")))
                    .extracting(b -> b.isbn).containsExactly("isbn-3"));
        } finally {
            close(db);
        }
    }

    @Test
    void twoModelsThatWouldShareANameAreRefusedNamingBoth() {
        assertThatThrownBy(() -> Carafe.builder().databaseUrl("jdbc:h2:mem:zoo-clash").models(Book.class, Shop.Book.class,
                Writer.class).build())
                .isInstanceOf(ConfigException.class)
                .hasMessage("Models 'dev.carafe.testmodels.zoo.Library$Book' and 'dev.carafe.testmodels.zoo.Shop$Book'"
                        + " would both be called 'Book' in queries and name the same table. Give one of them its own"
                        + " name with @Entity(name = \"...\").");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void filterByTakesValuesStraightFromARequest(TestDatabase database) {
        Carafe db = open(database);
        try {
            long writer = seed(db);
            db.useContext(() -> {
                assertThat(titles(db, "writer", String.valueOf(writer))).containsExactly("Engines", "Notes", "Poems");
                assertThat(titles(db, "genre", "novel")).containsExactly("Notes");
                assertThat(titles(db, "price", "9.99")).containsExactly("Engines");
                assertThat(titles(db, "published", "2024-05-31")).containsExactly("Engines");
                assertThat(titles(db, "inPrint", "true")).containsExactly("Engines");
                assertThat(titles(db, "shelfCode", SHELF)).containsExactly("Engines");
                assertThat(titles(db, "added", "2024-06-01T10:15:30Z")).containsExactly("Engines");
            });
            assertThat(description(() -> db.select(Book.class).filterBy("writer", "abc")))
                    .isEqualTo("'abc' is not a valid value for 'writer': it must be a whole number.");
            assertThat(description(() -> db.select(Book.class).filterBy("published", "yesterday")))
                    .isEqualTo("'yesterday' is not a valid value for 'published': it must be a date such as 2024-05-31.");
            assertThat(description(() -> db.select(Book.class).filterBy("genre", "comic")))
                    .isEqualTo("'comic' is not a valid value for 'genre': it must be one of NOVEL, POETRY, ESSAY.");
            assertThat(description(() -> db.select(Book.class).filterBy("tags", "math")))
                    .isEqualTo("'tags' cannot be used to filter.");
            assertThat(description(() -> db.select(Book.class).orderBy("tags")))
                    .isEqualTo("'tags' cannot be used to sort.");
            assertThat(description(() -> db.select(Patron.class).filterBy("passwordHash", "x")))
                    .isEqualTo("'passwordHash' cannot be used to filter or sort.");
            InvalidQueryException unknown = (InvalidQueryException) org.assertj.core.api.Assertions.catchThrowable(
                    () -> db.select(Book.class).filterBy("secret", "x"));
            assertThat(ErrorResponse.of(unknown).description()).isEqualTo("'secret' cannot be used to filter or sort.");
        } finally {
            close(db);
        }
    }

    private static List<String> titles(Carafe db, String attribute, String value) {
        return db.session().scalars(db.select(Book.class).filterBy(attribute, value).orderBy("title"))
                .stream().map(book -> book.title).toList();
    }

    private static String description(Runnable call) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call::run);
        assertThat(thrown).isInstanceOf(InvalidQueryException.class);
        return ((InvalidQueryException) thrown).description();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void everyStylePagesByOffsetAndByKeyset(TestDatabase database) {
        Carafe db = open(database);
        try {
            seed(db);
            db.useTransaction(session -> {
                for (int i = 1; i <= 5; i++) {
                    Patron patron = new Patron();
                    patron.setEmail("patron" + i + "@example.com");
                    patron.setAddress(new Patron.Address(i + " Main Street", "Springfield"));
                    session.add(patron);
                    session.add(new Loan(i, i, LocalDate.of(2024, 1, i)));
                    session.add(new Dvd("dvd " + i, 90 + i));
                }
            });
            db.useContext(() -> {
                Pagination<Book> books = db.paginate(db.select(Book.class).orderByDesc("published"), PageRequest.of(1, 2));
                assertThat(books.items()).extracting(b -> b.title).containsExactly("Engines", "Notes");
                assertThat(books.total()).isEqualTo(3);
                assertThat(walk(db, db.select(Book.class).orderBy("title"))).containsExactly("Engines", "Notes", "Poems");
                assertThat(walk(db, db.select(Patron.class).orderBy("email")).size()).isEqualTo(5);
                assertThat(walk(db, db.select(Item.class).filterBy("label", "dvd 3"))).hasSize(1);
                Pagination<Patron> patrons = db.paginate(db.select(Patron.class).filterBy("email", "patron2@example.com"),
                        PageRequest.of(1, 10));
                assertThat(patrons.items()).extracting(p -> p.getAddress().getCity()).containsExactly("Springfield");
                assertThat(db.paginate(db.select(Loan.class).orderBy("due"), PageRequest.of(2, 2)).items())
                        .extracting(l -> l.key.bookId).containsExactly(3L, 4L);
            });
        } finally {
            close(db);
        }
    }

    private static <T> List<Object> walk(Carafe db, dev.carafe.query.Select<T> select) {
        List<Object> seen = new ArrayList<>();
        String cursor = null;
        do {
            KeysetPage<T> page = db.paginateKeyset(select, cursor, 2);
            for (T row : page.items()) seen.add(row instanceof Book book ? book.title : row);
            cursor = page.nextCursor();
        } while (cursor != null);
        return seen;
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void the404HelpersTakeIdsFromARequest(TestDatabase database) {
        Carafe db = open(database);
        try {
            long writer = seed(db);
            db.useContext(() -> {
                assertThat(db.getOr404(Writer.class, String.valueOf(writer)).name).isEqualTo("Ada");
                assertThatThrownBy(() -> db.getOr404(Book.class, "999999")).isInstanceOf(NotFoundException.class);
                assertThatThrownBy(() -> db.getOr404(Book.class, "abc")).isInstanceOf(NotFoundException.class);
                assertThatThrownBy(() -> db.getOr404(Loan.class, new Loan.Key(1, 1))).isInstanceOf(NotFoundException.class);
                assertThatThrownBy(() -> db.firstOr404(db.select(Book.class).filterBy("writer", "999999")))
                        .isInstanceOf(NotFoundException.class);
            });
        } finally {
            close(db);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void inheritanceAndCompositeKeysWorkThroughGetAndSelect(TestDatabase database) {
        Carafe db = open(database);
        try {
            long[] ids = db.inTransaction(session -> {
                Payment card = session.add(new CardPayment(new BigDecimal("12.50"), "4242"));
                session.add(new Payment(new BigDecimal("3.00")));
                session.add(new Dvd("Metropolis", 153));
                session.add(new Magazine("Nature", 7));
                session.add(new Loan(7, 8, LocalDate.of(2024, 2, 29)));
                session.flush();
                return new long[] {card.id};
            });
            db.useContext(() -> {
                Payment payment = db.getOr404(Payment.class, String.valueOf(ids[0]));
                assertThat(payment).isInstanceOf(CardPayment.class);
                assertThat(((CardPayment) payment).lastDigits).isEqualTo("4242");
                assertThat(db.query(Payment.class).count()).isEqualTo(2);
                assertThat(db.session().scalars(db.select(Item.class).orderBy("label")))
                        .extracting(item -> item.getClass().getSimpleName()).containsExactly("Dvd", "Magazine");
                assertThat(db.session().get(Loan.class, new Loan.Key(7, 8)).due).isEqualTo(LocalDate.of(2024, 2, 29));
            });
        } finally {
            close(db);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void recordsAreQueryResultsAndRecordingAndTrackingSeeEveryStyle(TestDatabase database) {
        Carafe db = open(database, builder -> builder.recordQueries(true).trackModifications(true));
        try {
            seed(db);
            List<ModelChange> committed = new CopyOnWriteArrayList<>();
            db.onModelsCommitted(committed::addAll);
            db.useTransaction(session -> {
                Patron patron = new Patron();
                patron.setEmail("p@example.com");
                session.add(patron);
                session.add(new Loan(1, 2, LocalDate.of(2024, 3, 1)));
                session.add(new Magazine("Wired", 3));
                session.add(new CardPayment(BigDecimal.ONE, "0001"));
            });
            assertThat(committed).extracting(change -> change.model().getClass().getSimpleName())
                    .containsExactlyInAnyOrder("Patron", "Loan", "Magazine", "CardPayment");
            db.useContext(() -> {
                List<BookLine> lines = db.session().scalars(db.select(
                        "select new dev.carafe.testmodels.zoo.BookLine(b.title, b.writer.name) from Book b order by b.title",
                        BookLine.class));
                assertThat(lines).containsExactly(new BookLine("Engines", "Ada"), new BookLine("Notes", "Ada"),
                        new BookLine("Poems", "Ada"));
                assertThat(db.recordedQueries()).isNotEmpty();
            });
        } finally {
            close(db);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aLostUpdateIsRefusedAndAnswered409(TestDatabase database) {
        Carafe db = open(database);
        try {
            seed(db);
            try (DbContext first = db.context()) {
                Book mine = db.firstOr404(db.select(Book.class).filterBy("isbn", "isbn-1"));
                try (DbContext second = db.context()) {
                    Book theirs = db.firstOr404(db.select(Book.class).filterBy("isbn", "isbn-1"));
                    theirs.title = "Theirs";
                    db.session().commit();
                }
                mine.title = "Mine";
                Throwable lost = org.assertj.core.api.Assertions.catchThrowable(() -> db.session().commit());
                assertThat(lost).isNotNull();
                assertThat(ErrorResponse.of(lost).status()).isEqualTo(409);
            }
            assertThat(db.withContext(() -> db.firstOr404(db.select(Book.class).filterBy("isbn", "isbn-1")).title))
                    .isEqualTo("Theirs");
        } finally {
            close(db);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aDuplicateIsAnIntegrityErrorNamingBindAndConstraintAnd409WithoutInternals(TestDatabase database) {
        Carafe db = open(database);
        try {
            seed(db);
            Throwable duplicate = org.assertj.core.api.Assertions.catchThrowable(() -> db.useTransaction(session ->
                    session.add(new Book("Copy", null, "isbn-1"))));
            assertThat(duplicate).isInstanceOf(IntegrityException.class);
            IntegrityException integrity = (IntegrityException) duplicate;
            assertThat(integrity.bindKey()).isEqualTo("default");
            assertThat(integrity.getMessage()).startsWith("Bind 'default': the database refused the write because of ");
            ErrorResponse response = ErrorResponse.of(integrity);
            assertThat(response.status()).isEqualTo(409);
            assertThat(response.description()).doesNotContainIgnoringCase("isbn").doesNotContainIgnoringCase("book");
            assertThat(db.withContext(() -> db.query(Book.class).count())).isEqualTo(3);
        } finally {
            close(db);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void nPlusOneRaiseModeDoesNotFlagIdFetchesOrBatchFetches(TestDatabase database) {
        Carafe db = open(database, builder -> builder.nPlusOne(NPlusOneMode.RAISE).nPlusOneThreshold(3));
        try {
            db.useTransaction(session -> {
                for (int i = 0; i < 10; i++) session.add(new Visit("room " + i));
                for (int i = 0; i < 10; i++) session.add(new Writer("writer " + i));
            });
            db.useTransaction(session -> {
                for (Writer writer : db.query(Writer.class).all()) session.add(new Book("by " + writer.name, writer, null));
            });
            db.useContext(() -> {
                for (Book book : db.query(Book.class).all()) assertThat(book.writer.name).startsWith("writer");
            });
        } finally {
            close(db);
        }
    }
}
