// GradScript's syntax (docs/language.md §1 and §3).
//
// Expressions are written as few rules as the precedence levels allow (ANTLR's left-recursive rules
// with one alternative per level), as every rule invocation costs time: a flat chain such as
// 1+1+...+1 is a loop in the parser, not a recursion, and only real nesting (brackets, unary
// operators, `^`) costs stack.
//
// Newlines end statements. The lexer drops them inside ( ) and [ ] (see GradScriptLexer.Newlines.cs);
// the rules below allow them after binary operators, commas and opening braces. That is done here
// rather than in the lexer because `<` and `>` are both operators and the delimiters of an angle
// block, and only the parser knows which one a `>` at the end of a line is.
grammar GradScript;

options { superClass = GuardedParser; }

// A dict display's braces: the lexer gives `{` and `}` these types where an operand is due
// (GradScriptLexer.Separators.cs), so a dict and a block are told apart by their first token.
tokens { LDICT, RDICT }

// ---------------------------------------------------------------- statements

// Every statement ends with a separator: the lexer supplies a `;` before each `}` and a newline at
// the end of input (GradScriptLexer.Separators.cs), as Python's tokenizer ends every line. So the
// parser decides everything here on one token: an expression cannot run on into the next
// statement (`1 +1` is one expression), and after a syntax error recovery resumes at the next
// separator (StatementRecovery). Only an angle block's last statement, before `>`, has none.
// (The separator is written out, not a rule of its own: a rule costs a context per statement.)
program      : (statement? (NEWLINE | ';'))* EOF ;
fstringExpr  : NEWLINE* test NEWLINE* EOF ;

// Every decision in this grammar is made on a bounded number of tokens: ANTLR's prediction looks
// ahead without a stack guard of its own, so a decision whose lookahead could cross a nested
// construct would cross a million nested `-` as well (GuardedPrediction). So an angle block's
// separators come before its statements, not after them, and a statement that begins with an
// expression is told from an assignment by the `=` after that expression.
block
    : '{' (statement? (NEWLINE | ';'))* '}'
    | '<' statement? ((NEWLINE | ';') statement?)* '>'
    ;

// Unlabelled, as `expr` is: the AST builder tells the alternatives apart by their first token, and
// the last by `assign` and `op`. An assignment's targets are parsed as expressions, as CPython's
// are, and the AST builder refuses those that cannot be assigned to.
statement
    : 'def' name=NAME '(' parameters? ')' block
    | ifStatement
    | 'while' test block
    | 'for' targets 'in' test block
    | 'no_grad' block
    | globalStatement
    | 'import' path=STRING ('as' alias=NAME)?
    | 'return' expressions?
    | 'break'
    | 'continue'
    | 'del' targets
    | test ((',' NEWLINE* test)* assign='=' NEWLINE* expressions | op=('+=' | '-=' | '*=' | '/=' | '//=' | '%=' | '**=') NEWLINE* test)?
    ;

// `elif c { … }` is `else if c { … }`, as Python spells it; either way the rest of the chain is the
// else part of the `if` before it.
ifStatement  : 'if' test block elsePart? ;
elsePart     : NEWLINE* ('else' (block | ifStatement) | elif='elif' test block elsePart?) ;

// A rule of its own, as its list of names would otherwise be allocated for every statement.
globalStatement : 'global' names+=NAME (',' names+=NAME)* ;

parameters   : parameter (',' NEWLINE* parameter)* ','? ;
parameter    : NAME ('=' test)? ;

targets      : postfix (',' NEWLINE* postfix)* ;
expressions  : test (',' NEWLINE* test)* ;

// ---------------------------------------------------------------- expressions, loosest first

// Python's conditional expression and lambda, looser than everything else. Not part of `expr`:
// where a bare `if` may follow an expression (a comprehension's `for … in xs if c`), the grammar
// asks for an `expr`, so `if` after one is never a decision that needs to look for an `else`.
test
    : expr (cond='if' NEWLINE* expr NEWLINE* 'else' NEWLINE* test)?
    | lambda='lambda' parameters? ':' test
    ;

// `and`, `or` and `not`, and below them the comparisons and ranges. The left-recursive rules here
// and in `arith` are ANTLR's precedence climbing: earlier alternatives bind tighter, and a flat
// chain a or b or ... is a loop, not a recursion. Their alternatives are not labelled: a label
// costs a second context object per rule invocation, which for `arith` is every operand of every
// expression. The AST builder tells them apart by `op` and the dots.
//
// Comparisons and ranges do not chain (`1 < 2 < 3` is an error): they are the optional parts of
// the first alternative, which is not recursive, rather than rules of their own, which would cost
// two more rule invocations for every expression.
expr
    : arith (dots='..' NEWLINE* arith)?
        ((op=('==' | '!=' | '<' | '<=' | '>' | '>=' | 'in') | negated='not' op='in') NEWLINE* arith (rightDots='..' NEWLINE* arith)?)?
    | op='not' expr
    | expr op='and' NEWLINE* expr
    | expr op='or' NEWLINE* expr
    ;

// `^` (also spelled `**`, as in Python) is right-associative and binds tighter than a unary sign on its left (-2^2 == -4) but takes
// one on its right (2^-1).
arith
    // a postfix expression, inlined: one rule less per operand
    : (atom=(INT | FLOAT | STRING | FSTRING | 'true' | 'false' | 'none' | NAME) | primary) (callSuffix | indexSuffix | memberSuffix)*
    | <assoc=right> arith op=('^' | '**') NEWLINE* arith
    | op=('-' | '+') arith
    | arith op=('*' | '/' | '//' | '%') NEWLINE* arith
    | arith op=('+' | '-') NEWLINE* arith
    ;

postfix      : (atom=(INT | FLOAT | STRING | FSTRING | 'true' | 'false' | 'none' | NAME) | primary) (callSuffix | indexSuffix | memberSuffix)* ;
// The arguments are written out here rather than as a rule of their own: each nested call would
// otherwise cost one more rule frame, on stacks as small as 256 KB.
callSuffix   : '(' (argument (',' argument)* ','?)? ')' ;
// An index, or a slice: every part is optional and each `:` is decided on one token.
indexSuffix  : '[' lower=test? (colon=':' upper=test? (':' step=test?)?)? ']' ;
memberSuffix : '.' name=NAME ;
// `test`'s alternatives written out, for the same reason as callSuffix's arguments.
argument
    : (name=NAME '=')? (expr (cond='if' NEWLINE* expr NEWLINE* 'else' NEWLINE* test)? | lambda='lambda' parameters? ':' test)
    ;

// The bracketed operands. An operand of one token (a name, a number, a string, a keyword
// constant) is matched by `arith` and `postfix` themselves, which saves a rule invocation and its
// context object for most operands; the AST builder takes it from their `atom`. Unlabelled for the
// same reason as `arith`; its first token tells the alternatives apart.
primary
    : '(' test ')'
    | '[' (test (compFor | (',' test)* ','?))? ']'
    | LDICT (dictEntry (compFor | (',' dictEntry)* ','?))? RDICT
    ;

dictEntry    : test ':' test ;

// A comprehension's clauses (of a list's or a dict's): `for` targets `in` an iterable, conditions, more `for`s.
compFor      : 'for' targets 'in' iterable=expr ('if' conditions+=expr)* inner=compFor? ;

// ---------------------------------------------------------------- tokens

DEF: 'def'; RETURN: 'return'; IF: 'if'; ELIF: 'elif'; ELSE: 'else'; WHILE: 'while'; FOR: 'for'; IN: 'in';
BREAK: 'break'; CONTINUE: 'continue'; TRUE: 'true'; FALSE: 'false'; NONE: 'none';
AND: 'and'; OR: 'or'; NOT: 'not'; GLOBAL: 'global'; NO_GRAD: 'no_grad'; IMPORT: 'import'; AS: 'as';
LAMBDA: 'lambda'; DEL: 'del';

LPAREN: '('; RPAREN: ')'; LBRACKET: '['; RBRACKET: ']'; LBRACE: '{'; RBRACE: '}';
COMMA: ','; COLON: ':'; SEMI: ';'; ASSIGN: '='; DOTDOT: '..'; DOT: '.';
PLUS_ASSIGN: '+='; MINUS_ASSIGN: '-='; STAR_ASSIGN: '*='; SLASH_ASSIGN: '/=';
SLASHSLASH_ASSIGN: '//='; PERCENT_ASSIGN: '%='; STARSTAR_ASSIGN: '**=';
EQ: '=='; NE: '!='; LE: '<='; GE: '>='; LT: '<'; GT: '>';
PLUS: '+'; MINUS: '-'; STARSTAR: '**'; STAR: '*'; SLASHSLASH: '//'; SLASH: '/'; PERCENT: '%'; CARET: '^';

// A float needs digits on both sides of its point, so that 0..10 lexes as 0 .. 10.
FLOAT
    : DIGITS '.' DIGITS EXPONENT?
    | '.' DIGITS EXPONENT?
    | DIGITS EXPONENT
    ;
INT     : DIGITS ;
FSTRING : [fF] (DQ_BODY | SQ_BODY) ;
STRING  : DQ_BODY | SQ_BODY ;
// A string whose line ends before its closing quote; reported as a syntax error of its own.
UNTERMINATED_STRING : [fF]? ('"' (ESCAPE | ~["\\\r\n])* | '\'' (ESCAPE | ~['\\\r\n])*) ;
NAME    : [a-zA-Z_] [a-zA-Z_0-9]* ;

NEWLINE : '\r'? '\n' | '\r' | '\u2028' | '\u2029' ;
WS      : [ \t\f]+ -> skip ;
COMMENT : '#' ~[\r\n\u2028\u2029]* -> skip ;
// A backslash at the end of a line joins it to the next, as in Python.
LINE_JOIN : '\\' [ \t]* ('\r'? '\n' | '\r') -> skip ;
// Anything else is one bad character; the parser facade reports it as a syntax error rather than
// letting ANTLR's lexer skip it silently.
BAD_CHAR : . ;

fragment DIGITS   : [0-9] ('_'? [0-9])* ;
fragment EXPONENT : [eE] [+-]? DIGITS ;
fragment DQ_BODY  : '"' (ESCAPE | ~["\\\r\n])* '"' ;
fragment SQ_BODY  : '\'' (ESCAPE | ~['\\\r\n])* '\'' ;
fragment ESCAPE   : '\\' . ;
