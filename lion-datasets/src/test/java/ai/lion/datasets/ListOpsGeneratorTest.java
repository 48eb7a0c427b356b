package ai.lion.datasets;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ListOpsGeneratorTest {

    @Test
    void theEvaluatorAndTheOperatorsAgreeWithHandComputedValues() {
        assertEquals(9, ListOpsEvaluator.evaluate("[MAX 2 9 [MIN 4 7 ] 0 ]").value());
        assertEquals(2, ListOpsEvaluator.evaluate("[MED 1 4 ]").value());
        assertEquals(2, ListOpsEvaluator.evaluate("[MED 3 1 2 ]").value());
        assertEquals(8, ListOpsEvaluator.evaluate("[SM 5 6 7 ]").value());
        assertEquals(3, ListOpsEvaluator.evaluate("[MIN [SM 9 4 ] [MAX 3 ] 8 ]").value());

        assertEquals(9, ListOpsOperator.MAX.apply(new int[] {2, 9, 4, 0}, 4));
        assertEquals(4, ListOpsOperator.MIN.apply(new int[] {5, 9, 4, 0}, 3), "only the first 3 arguments count");
        assertEquals(2, ListOpsOperator.MED.apply(new int[] {1, 4}, 2));
        assertEquals(5, ListOpsOperator.MED.apply(new int[] {9, 1, 5}, 3));
        assertEquals(8, ListOpsOperator.SM.apply(new int[] {5, 6, 7}, 3));
    }

    @Test
    void tokenIdsFollowTheDocumentedVocabulary() {
        int[] ids = ListOpsVocabulary.tokenize("[MAX 2 9 [MIN 4 7 ] 0 ]");

        assertArrayEquals(new int[] {11, 3, 10, 12, 5, 8, 15, 1, 15}, ids);
        assertEquals("[MAX 2 9 [MIN 4 7 ] 0 ]", ListOpsVocabulary.render(ids));
        assertArrayEquals(new int[] {13, 14}, ListOpsVocabulary.tokenize("[MED [SM"));
        assertEquals("<pad>", ListOpsVocabulary.text(0));
        assertEquals(16, ListOpsVocabulary.SIZE);
        assertThrows(IllegalArgumentException.class, () -> ListOpsVocabulary.tokenize("[AVG 1 ]"));
    }

    @Test
    void labelsAgreeWithAnIndependentEvaluatorAndShapesRespectTheBounds() {
        ListOpsConfig config = ListOpsConfig.builder().lengths(1, 80).maxDepth(6).maxArgs(5).build();
        ListOpsGenerator generator = new ListOpsGenerator(config);
        Set<Integer> seenLengths = new TreeSet<>();
        int deepest = 0;
        for (long seed = 0; seed < 4000; seed++) {
            ListOpsExample example = generator.generate(seed);
            ListOpsEvaluator.Result result = ListOpsEvaluator.evaluate(example.text());

            assertEquals(result.value(), example.label(), example.text());
            assertTrue(result.depth() <= 6, example.text());
            assertTrue(result.maxArgs() <= 5, example.text());
            seenLengths.add(example.tokens().length);
            deepest = Math.max(deepest, result.depth());
        }
        Set<Integer> everyLengthButTwo = new TreeSet<>();
        for (int n = 1; n <= 80; n++) {
            if (n != 2) {
                everyLengthButTwo.add(n);
            }
        }
        assertEquals(everyLengthButTwo, seenLengths);
        assertEquals(6, deepest);
    }

    @Test
    void longSequencesWithTheLraDefaultsAreCorrectAndWithinBounds() {
        ListOpsGenerator generator = new ListOpsGenerator(ListOpsConfig.builder().build());
        for (long seed = 0; seed < 100; seed++) {
            ListOpsExample example = generator.generate(seed);
            ListOpsEvaluator.Result result = ListOpsEvaluator.evaluate(example.text());

            assertEquals(result.value(), example.label());
            assertTrue(example.tokens().length >= 500 && example.tokens().length <= 2000,
                    "length " + example.tokens().length);
            assertTrue(result.depth() <= 10 && result.maxArgs() <= 10);
        }
    }

    @Test
    void theSameSeedGivesTheSameExample() {
        ListOpsConfig config = ListOpsConfig.builder().lengths(20, 200).build();
        ListOpsExample first = new ListOpsGenerator(config).generate(12345L);
        ListOpsExample again = new ListOpsGenerator(config).generate(12345L);
        ListOpsExample other = new ListOpsGenerator(config).generate(12346L);

        assertArrayEquals(first.tokens(), again.tokens());
        assertEquals(first.label(), again.label());
        assertFalse(Arrays.equals(first.tokens(), other.tokens()));
    }

    @Test
    void labelsAreSpreadOverAllTenClasses() {
        ListOpsGenerator generator = new ListOpsGenerator(ListOpsConfig.builder().lengths(50, 300).build());
        int[] counts = new int[10];
        int n = 3000;
        for (long seed = 0; seed < n; seed++) {
            counts[generator.generate(seed).label()]++;
        }
        for (int label = 0; label < 10; label++) {
            assertTrue(counts[label] > n * 0.03, "label " + label + " is rare: " + Arrays.toString(counts));
            assertTrue(counts[label] < n * 0.30, "label " + label + " dominates: " + Arrays.toString(counts));
        }
    }

    @Test
    void reachableLengthsMatchABruteForceEnumeration() {
        int maxDepth = 3;
        int maxArgs = 3;
        int maxLength = 60;
        ExpressionLengths tables = new ExpressionLengths(maxDepth, maxArgs, maxLength);
        Set<Integer> reachable = Set.of(1);
        for (int depth = 1; depth <= maxDepth; depth++) {
            Set<Integer> sums = new HashSet<>(reachable);
            Set<Integer> all = new HashSet<>(reachable);
            for (int args = 2; args <= maxArgs; args++) {
                Set<Integer> longer = new HashSet<>();
                for (int s : sums) {
                    for (int r : reachable) {
                        longer.add(s + r);
                    }
                }
                sums = longer;
                all.addAll(longer);
            }
            Set<Integer> next = new HashSet<>(Set.of(1));
            all.forEach(total -> next.add(total + 2));
            reachable = next;
            for (int n = 0; n <= maxLength; n++) {
                assertEquals(reachable.contains(n), tables.expression(depth, n), "depth " + depth + " length " + n);
            }
        }
        assertEquals(2 + 3 * (2 + 3 * (2 + 3)), tables.longest(3)); // [OP 3 x [OP 3 x [OP d d d ] ] ]
    }

    @Test
    void unreachableLengthsAreRejectedWithTheLongestPossible() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ListOpsConfig.builder().maxDepth(1).maxArgs(3).lengths(6, 10).build());
        assertTrue(e.getMessage().contains("the longest is 5 tokens"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ListOpsConfig.builder().lengths(2, 2).build());
        assertThrows(IllegalArgumentException.class, () -> ListOpsConfig.builder().lengths(10, 9));
    }
}
