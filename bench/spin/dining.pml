/*
 * The table of bench/explore.bench.ts in Promela, untimed: N philosophers, each thinks, takes
 * its left fork, eats, takes its right fork, eats, puts both down, once (as the scenario's
 * threads run their bodies once). With -DORDERED the last philosopher takes its forks in the
 * reverse order, which breaks the cycle. A philosopher blocked on a fork its neighbour holds
 * while every other one is blocked too is an invalid end state: SPIN's deadlock.
 *
 *   spin -DN=5 -a dining.pml && gcc -O2 -DSAFETY -o pan pan.c && ./pan
 */
#ifndef N
#define N 5
#endif

bit fork[N];

proctype phil(byte i) {
  byte first = i;
  byte second = (i + 1) % N;
#ifdef ORDERED
  if
  :: i == N - 1 -> first = 0; second = N - 1
  :: else -> skip
  fi;
#endif
  skip;                                         /* think */
  atomic { fork[first] == 0 -> fork[first] = 1 };
  skip;                                         /* eat a little */
  atomic { fork[second] == 0 -> fork[second] = 1 };
  skip;                                         /* eat */
  fork[second] = 0;
  fork[first] = 0
}

init {
  byte k = 0;
  atomic {
    do
    :: k < N -> run phil(k); k++
    :: k >= N -> break
    od
  }
}
