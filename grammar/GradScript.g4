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

// ---------------------------------------------------------------- statements

// Every statement ends with a separator: the lexer supplies a `;` before each `}` and a newline at
// the end of input (GradScriptLexer.Separators.cs), as Python's tokenizer ends every line. So the
// parser decides everything here on one token: an expression cannot run on into the next
// statement (`1 +1` is one expression), and after a syntax error recovery resumes at the next
// separator (StatementRecovery). Only an angle block's last statement, before `>`, has none.
// (The separator is written out, not a rule of its own: a rule costs a context per statement.)
program      : (statement? (NEWLINE | ';'))* EOF ;
fstringExpr  : NEWLINE* expr NEWLINE* EOF ;

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
    | 'while' expr block
    | 'for' targets 'in' expr block
    | 'no_grad' block
    | globalStatement
    | 'import' path=STRING ('as' alias=NAME)?
    | 'return' expr?
    | 'break'
    | 'continue'
    | expr ((',' NEWLINE* expr)* assign='=' NEWLINE* expressions | op=('+=' | '-=' | '*=' | '/=') NEWLINE* expr)?
    ;

ifStatement  : 'if' expr block (NEWLINE* 'else' (block | ifStatement))? ;

// A rule of its own, as its list of names would otherwise be allocated for every statement.
globalStatement : 'global' names+=NAME (',' names+=NAME)* ;

parameters   : parameter (',' NEWLINE* parameter)* ','? ;
parameter    : NAME ('=' expr)? ;

targets      : postfix (',' NEWLINE* postfix)* ;
expressions  : expr (',' NEWLINE* expr)* ;

// ---------------------------------------------------------------- expressions, loosest first

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
        (op=('==' | '!=' | '<' | '<=' | '>' | '>=') NEWLINE* arith (rightDots='..' NEWLINE* arith)?)?
    | op='not' expr
    | expr op='and' NEWLINE* expr
    | expr op='or' NEWLINE* expr
    ;

// `^` (also spelled `**`, as in Python) is right-associative and binds tighter than a unary sign on its left (-2^2 == -4) but takes
// one on its right (2^-1).
arith
    : primary (callSuffix | indexSuffix | memberSuffix)*     // a postfix expression, inlined: one rule less per operand
    | <assoc=right> arith op=('^' | '**') NEWLINE* arith
    | op=('-' | '+') arith
    | arith op=('*' | '/' | '//' | '%') NEWLINE* arith
    | arith op=('+' | '-') NEWLINE* arith
    ;

postfix      : primary (callSuffix | indexSuffix | memberSuffix)* ;
callSuffix   : '(' arguments? ')' ;
indexSuffix  : '[' expr ']' ;
memberSuffix : '.' name=NAME ;
arguments    : argument (',' argument)* ','? ;
argument     : (name=NAME '=')? expr ;

// Unlabelled for the same reason as `arith`; its first token tells the alternatives apart.
primary
    : INT
    | FLOAT
    | STRING
    | FSTRING
    | 'true'
    | 'false'
    | 'none'
    | NAME
    | '(' expr ')'
    | '[' (expr (',' expr)* ','?)? ']'
    ;

// ---------------------------------------------------------------- tokens

DEF: 'def'; RETURN: 'return'; IF: 'if'; ELSE: 'else'; WHILE: 'while'; FOR: 'for'; IN: 'in';
BREAK: 'break'; CONTINUE: 'continue'; TRUE: 'true'; FALSE: 'false'; NONE: 'none';
AND: 'and'; OR: 'or'; NOT: 'not'; GLOBAL: 'global'; NO_GRAD: 'no_grad'; IMPORT: 'import'; AS: 'as';

LPAREN: '('; RPAREN: ')'; LBRACKET: '['; RBRACKET: ']'; LBRACE: '{'; RBRACE: '}';
COMMA: ','; SEMI: ';'; ASSIGN: '='; DOTDOT: '..'; DOT: '.';
PLUS_ASSIGN: '+='; MINUS_ASSIGN: '-='; STAR_ASSIGN: '*='; SLASH_ASSIGN: '/=';
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
